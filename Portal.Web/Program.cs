using Portal.Infrastructure;
using Portal.Web;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddInfrastructure(builder.Configuration, builder.Environment);
builder.Services.AddWeb(builder.Configuration);

var app = builder.Build();
app.UseWeb();
app.Run();

/// <summary>Visible to the integration tests' <c>WebApplicationFactory&lt;Program&gt;</c>.</summary>
public partial class Program;
