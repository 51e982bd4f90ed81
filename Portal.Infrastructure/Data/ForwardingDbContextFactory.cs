using Microsoft.EntityFrameworkCore;

namespace Portal.Infrastructure.Data;

/// <summary>Lets use cases ask for the neutral context whichever provider is configured.</summary>
internal sealed class ForwardingDbContextFactory<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<PortalDbContext>
    where TContext : PortalDbContext
{
    public PortalDbContext CreateDbContext() => inner.CreateDbContext();

    public async Task<PortalDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default) =>
        await inner.CreateDbContextAsync(cancellationToken);
}
