using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Portal.Infrastructure.Data;

/// <summary>
/// Stores a <see cref="DateTimeOffset"/> as UTC ticks so SQLite can sort and compare it in SQL.
/// Every time Portal stores is UTC already; the estate's zone is applied when it is shown.
/// </summary>
public sealed class DateTimeOffsetToUtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
    v => v.UtcTicks,
    v => new DateTimeOffset(v, TimeSpan.Zero));
