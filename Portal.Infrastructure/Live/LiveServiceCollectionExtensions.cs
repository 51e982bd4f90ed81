using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StackExchange.Redis;

namespace Portal.Infrastructure.Live;

public static class LiveServiceCollectionExtensions
{
    public const string RedisConnectionStringName = "Redis";

    /// <summary>The in-process feed, relayed through Redis when "ConnectionStrings:Redis" is set.</summary>
    public static IServiceCollection AddLiveFeed(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<LocalRequestFeed>();
        var redis = configuration.GetConnectionString(RedisConnectionStringName);
        if (string.IsNullOrWhiteSpace(redis))
        {
            services.AddSingleton<IRequestFeed>(sp => sp.GetRequiredService<LocalRequestFeed>());
            return services;
        }

        var options = ConfigurationOptions.Parse(redis);
        options.AbortOnConnectFail = false; // start even if Redis is late; it reconnects by itself
        options.ClientName ??= "portal";
        services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(options));
        services.AddSingleton<RedisRequestFeed>();
        services.AddSingleton<IRequestFeed>(sp => sp.GetRequiredService<RedisRequestFeed>());
        services.AddHostedService(sp => sp.GetRequiredService<RedisRequestFeed>());
        return services;
    }
}
