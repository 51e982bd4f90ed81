using System.Net;
using System.Text.Json;
using Portal.Tests.Support;

namespace Portal.Tests.Integration.Api;

/// <summary>/openapi/v1.json describes the intake API an integrator builds against.</summary>
public sealed class OpenApiTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task The_document_lists_both_operations_their_problems_the_key_scheme_and_the_idempotency_header()
    {
        using var client = factory.CreateClient(factory.Client());

        var response = await client.GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var paths = document.GetProperty("paths");
        Assert.Equal(["/api/v1/requests", "/api/v1/requests/{number}"], paths.EnumerateObject().Select(p => p.Name).Order().ToArray());

        var post = paths.GetProperty("/api/v1/requests").GetProperty("post");
        Assert.Equal("RegisterRequest", post.GetProperty("operationId").GetString());
        var responses = post.GetProperty("responses");
        foreach (var status in new[] { "201", "400", "401", "413", "415", "422", "429" })
        {
            Assert.True(responses.TryGetProperty(status, out _), $"POST lacks {status}");
        }

        Assert.True(responses.GetProperty("400").GetProperty("content").TryGetProperty("application/problem+json", out _));
        var idempotency = post.GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "Idempotency-Key");
        Assert.Equal("header", idempotency.GetProperty("in").GetString());
        Assert.True(idempotency.GetProperty("required").GetBoolean());
        Assert.True(post.GetProperty("requestBody").GetProperty("content").TryGetProperty("application/json", out _));

        var get = paths.GetProperty("/api/v1/requests/{number}").GetProperty("get");
        Assert.Equal("GetRequest", get.GetProperty("operationId").GetString());
        Assert.True(get.GetProperty("responses").TryGetProperty("404", out _));

        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiKey");
        Assert.Equal("apiKey", scheme.GetProperty("type").GetString());
        Assert.Equal("header", scheme.GetProperty("in").GetString());
        Assert.Equal("X-Api-Key", scheme.GetProperty("name").GetString());
        Assert.True(document.GetProperty("security")[0].TryGetProperty("ApiKey", out _));

        var schemas = document.GetProperty("components").GetProperty("schemas");
        var body = schemas.GetProperty("NewRequestBody").GetProperty("properties");
        Assert.True(body.TryGetProperty("residentPhone", out _));
        Assert.Contains("#/components/schemas/RequestType", body.GetProperty("type").ToString(), StringComparison.Ordinal);
        Assert.Equal(["repair", "complaint", "suggestion", "inquiry", "praise"], schemas.GetProperty("RequestType").GetProperty("enum").EnumerateArray().Select(e => e.GetString()!).ToArray());
        Assert.Contains("engineeringQuality", schemas.GetProperty("ComplaintKind").ToString(), StringComparison.Ordinal);
        Assert.True(schemas.GetProperty("RequestCreated").GetProperty("properties").TryGetProperty("resolveBy", out _));
    }
}
