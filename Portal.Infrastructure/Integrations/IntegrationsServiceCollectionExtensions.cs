using Microsoft.Extensions.DependencyInjection;

namespace Portal.Infrastructure.Integrations;

public static class IntegrationsServiceCollectionExtensions
{
    /// <summary>API keys, their verification, idempotency and the intake API's queries.</summary>
    public static IServiceCollection AddIntegrations(this IServiceCollection services)
    {
        services.AddSingleton<ApiKeyVerifier>();
        services.AddScoped<ApiKeys>();
        services.AddSingleton<IdempotencyStore>();
        services.AddHostedService<IdempotencySweeper>();
        services.AddScoped<IntakeQueries>();
        return services;
    }
}
