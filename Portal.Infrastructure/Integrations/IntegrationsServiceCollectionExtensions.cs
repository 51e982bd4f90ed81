using Microsoft.Extensions.DependencyInjection;
using Portal.Infrastructure.Requests;

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
        // MERGE: registered here only for the stand-in; keep one registration of main's use case.
        services.AddScoped<RegisterRequest>();
        return services;
    }
}
