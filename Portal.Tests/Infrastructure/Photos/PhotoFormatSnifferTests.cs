using System.Text;
using Portal.Infrastructure.Photos;

namespace Portal.Tests.Infrastructure.Photos;

public sealed class PhotoFormatSnifferTests
{
    [Theory]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10 }, PhotoFormat.Jpeg)]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE1 }, PhotoFormat.Jpeg)]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13 }, PhotoFormat.Png)]
    public void Detects_magic_bytes(byte[] header, PhotoFormat expected) =>
        Assert.Equal(expected, PhotoFormatSniffer.Detect(header));

    [Fact]
    public void Detects_webp() =>
        Assert.Equal(PhotoFormat.Webp, PhotoFormatSniffer.Detect("RIFF\x24\0\0\0WEBPVP8 "u8));

    [Theory]
    [InlineData("heic")]
    [InlineData("heix")]
    [InlineData("hevc")]
    [InlineData("hevx")]
    [InlineData("heim")]
    [InlineData("heis")]
    [InlineData("mif1")]
    [InlineData("msf1")]
    public void Detects_heif_brands(string brand) =>
        Assert.Equal(PhotoFormat.Heic, PhotoFormatSniffer.Detect(Ftyp(brand)));

    [Theory]
    [InlineData("avif")] // AVIF is HEIF too, but not on the accepted list
    [InlineData("isom")] // MP4 video
    [InlineData("qt  ")] // QuickTime
    public void Rejects_other_iso_bmff_brands(string brand) =>
        Assert.Null(PhotoFormatSniffer.Detect(Ftyp(brand)));

    [Theory]
    [InlineData("")]
    [InlineData("GIF89a")]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\"/>")]
    [InlineData("%PDF-1.7")]
    [InlineData("RIFF\0\0\0\0WAVEfmt ")]
    [InlineData("just some text renamed to .jpg")]
    public void Rejects_everything_else(string content) =>
        Assert.Null(PhotoFormatSniffer.Detect(Encoding.ASCII.GetBytes(content)));

    [Fact]
    public void Short_prefixes_of_a_signature_are_not_enough()
    {
        Assert.Null(PhotoFormatSniffer.Detect(new byte[] { 0xFF, 0xD8 }));
        Assert.Null(PhotoFormatSniffer.Detect(new byte[] { 0x89, 0x50, 0x4E, 0x47 }));
        Assert.Null(PhotoFormatSniffer.Detect("RIFF\0\0\0\0WEB"u8));
    }

    [Fact]
    public void Recognises_the_images_the_tests_generate()
    {
        Assert.Equal(PhotoFormat.Jpeg, PhotoFormatSniffer.Detect(PhotoTestImages.Jpeg(8, 8)));
        Assert.Equal(PhotoFormat.Png, PhotoFormatSniffer.Detect(PhotoTestImages.TransparentPng(8, 8)));
        Assert.Equal(PhotoFormat.Webp, PhotoFormatSniffer.Detect(PhotoTestImages.Webp(8, 8)));
        Assert.Equal(PhotoFormat.Heic, PhotoFormatSniffer.Detect(PhotoTestImages.HeicWithGps()));
    }

    private static byte[] Ftyp(string brand) =>
        [0, 0, 0, 0x1C, .. "ftyp"u8, .. Encoding.ASCII.GetBytes(brand), 0, 0, 0, 0, .. "mif1"u8];
}
