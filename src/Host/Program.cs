using Commerce.Host.Composition;
using JasperFx;

// The content root is where the build put appsettings.json, so the host starts the same from any
// working directory (the fault tests start it as a plain process).
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.Host.ApplyJasperFxExtensions();
builder.AddModules();
builder.AddMessaging();
builder.AddHttpApi();
builder.AddAuth();
builder.AddRateLimits();
builder.AddHealth();
builder.AddTelemetry();

var app = builder.Build();
app.UseHttpApi();
app.MapHealth();
app.MapTelemetry();

return await app.RunJasperFxCommands(args);

public partial class Program;
