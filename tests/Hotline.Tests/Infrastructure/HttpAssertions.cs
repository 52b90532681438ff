using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Hotline.Tests.Infrastructure;

public static class HttpAssertions
{
    public static async Task<JsonElement> ReadJsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonDocument.Parse(string.IsNullOrEmpty(text) ? "null" : text).RootElement.Clone();
    }

    /// <summary>Asserts the status and returns the body; the failure message shows the body.</summary>
    public static async Task<JsonElement> ShouldBe(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.ReadJsonAsync();
        Assert.True(response.StatusCode == expected, $"expected {(int)expected} {expected}, got {(int)response.StatusCode} {response.StatusCode}: {body}");
        return body;
    }

    public static async Task<T> ShouldBe<T>(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.ShouldBe(expected);
        return body.Deserialize<T>(AppFixture.Json)!;
    }

    /// <summary>Asserts a 400 problem that names <paramref name="field"/>.</summary>
    public static async Task<JsonElement> ShouldBeValidationError(this HttpResponseMessage response, string field)
    {
        var body = await response.ShouldBe(HttpStatusCode.BadRequest);
        Assert.True(body.TryGetProperty("errors", out var errors) && errors.TryGetProperty(field, out _), $"expected an error for '{field}': {body}");
        return body;
    }

    /// <summary>Asserts a problem with the given status and stable error code.</summary>
    public static async Task<JsonElement> ShouldBeProblem(this HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var body = await response.ShouldBe(status);
        Assert.Equal(code, body.GetProperty("code").GetString());
        return body;
    }

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string url, object body) =>
        client.PostAsJsonAsync(url, body, AppFixture.Json);

    public static Task<HttpResponseMessage> PutJsonAsync(this HttpClient client, string url, object body) =>
        client.PutAsJsonAsync(url, body, AppFixture.Json);
}

public static class HttpTaskAssertions
{
    public static async Task<System.Text.Json.JsonElement> ShouldBeOk(this Task<HttpResponseMessage> response) =>
        await (await response).ShouldBe(System.Net.HttpStatusCode.OK);
}
