using Commerce.Host.Composition;
using JasperFx;

var builder = WebApplication.CreateBuilder(args);
builder.Host.ApplyJasperFxExtensions();
builder.AddModules();
builder.AddMessaging();
builder.AddHttpApi();
builder.AddHealth();

var app = builder.Build();
app.UseHttpApi();
app.MapHealth();

return await app.RunJasperFxCommands(args);

public partial class Program;
