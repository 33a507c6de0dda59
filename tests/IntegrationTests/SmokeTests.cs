using System.Text.Json;
using Alba;
using Commerce.IntegrationTests.Infrastructure;

namespace Commerce.IntegrationTests;

[Collection(AppHost.Name)]
public sealed class SmokeTests(AppFixture app)
{
    [Fact]
    public async Task health_ready_is_healthy_with_both_services_up()
    {
        var result = await Poll.Until(
            () => app.Host.Scenario(s => { s.Get.Url("/health/ready"); s.IgnoreStatusCode(); }),
            r => r.ReadAsJson<JsonElement>().GetProperty("status").GetString() == "Healthy");

        var body = result.ReadAsJson<JsonElement>();
        Assert.Equal("Healthy", body.GetProperty("checks").GetProperty("postgres").GetProperty("status").GetString());
        Assert.Equal("Healthy", body.GetProperty("checks").GetProperty("rabbitmq").GetProperty("status").GetString());
    }

    [Fact]
    public async Task openapi_document_is_served_lists_the_command_routes_and_asks_for_a_bearer_token()
    {
        var result = await app.Host.Scenario(s =>
        {
            s.Get.Url("/openapi/v1.json");
            s.StatusCodeShouldBeOk();
        });
        var document = result.ReadAsJson<JsonElement>();
        Assert.True(document.GetProperty("paths").TryGetProperty("/api/v1/commands/add-product", out _));
        // The reference page (Scalar) reads this to offer a field for the bearer token.
        var bearer = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer");
        Assert.Equal("http", bearer.GetProperty("type").GetString());
        Assert.Equal("bearer", bearer.GetProperty("scheme").GetString());
        Assert.True(document.GetProperty("security")[0].TryGetProperty("Bearer", out _));
    }

    [Fact]
    public async Task api_reference_page_is_served()
    {
        await app.Host.Scenario(s =>
        {
            s.Get.Url("/scalar/");
            s.StatusCodeShouldBeOk();
            s.ContentTypeShouldBe("text/html");
        });
    }
}
