using System.Globalization;
using System.Net;
using System.Text.Json;
using Hotline.Tests.Infrastructure;

namespace Hotline.Tests.Citizens;

/// <summary>A citizen's phone and app as the tests drive them: each its own phone number and its own client address.</summary>
internal sealed class CitizenApi(AppFixture app)
{
    private static int _next;

    /// <summary>A fresh mobile number and a client from a loopback address of its own (the code limits count both).</summary>
    public static (string Phone, int N) NewCitizen()
    {
        var n = Interlocked.Increment(ref _next);
        return ("1390000" + n.ToString("D4", CultureInfo.InvariantCulture), n);
    }

    public HttpClient Client(int n, string? key = null)
    {
        var client = app.Anonymous(new IPAddress([127, 0, (byte)(1 + (n / 250)), (byte)(1 + (n % 250))]));
        if (key is not null)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", key);
        }

        return client;
    }

    public static async Task<HttpResponseMessage> RequestCode(HttpClient client, string phone, string purpose = "track") =>
        await client.PostJsonAsync("/api/citizen/codes", new { phone, purpose });

    public async Task<string> LastCode(string phone)
    {
        var body = await (await app.Anonymous().PostJsonAsync("/api/development/citizen-codes/last", new { phone })).ShouldBe(HttpStatusCode.OK);
        return body.GetProperty("code").GetString()!;
    }

    /// <summary>Asks for a code, reads it from the development sink, verifies it, and sets the token on the client.</summary>
    public async Task Verify(HttpClient client, string phone, string purpose = "submit")
    {
        await (await RequestCode(client, phone, purpose)).ShouldBe(HttpStatusCode.Accepted);
        var token = await (await client.PostJsonAsync("/api/citizen/codes/verify", new { phone, purpose, code = await LastCode(phone) })).ShouldBe(HttpStatusCode.OK);
        client.DefaultRequestHeaders.Remove("X-Citizen-Token");
        client.DefaultRequestHeaders.Add("X-Citizen-Token", token.GetProperty("token").GetString());
    }

    public static object Submission(string description = "小区3栋电梯停运两周，物业一直不修，老人上下楼非常困难。", string type = "complaint") => new
    {
        requestType = type,
        categoryCode = "0101",
        regionCode = "990102001",
        address = "明珠小区3栋2单元",
        latitude = 30.1,
        longitude = 120.2,
        description,
        demand = "请督促物业尽快修复电梯。",
        citizenName = "张三",
        isAnonymous = false,
        isConfidential = false,
    };

    /// <summary>A verified citizen who sends one submission; returns the client (with its token), the phone and the number.</summary>
    public async Task<(HttpClient Client, string Phone, string Number)> Submitted(string? key = null, object? submission = null)
    {
        var (phone, n) = NewCitizen();
        var client = Client(n, key);
        await Verify(client, phone);
        var created = await (await client.PostJsonAsync("/api/citizen/submissions", submission ?? Submission())).ShouldBe(HttpStatusCode.Created);
        return (client, phone, created.GetProperty("number").GetString()!);
    }

    public static async Task<JsonElement> Track(HttpClient client, string number) =>
        await (await client.GetAsync($"/api/citizen/submissions/{number}")).ShouldBe(HttpStatusCode.OK);

    /// <summary>The queued submission with that number, as the intake agent's queue lists it.</summary>
    public static async Task<JsonElement> Queued(HttpClient agent, string number)
    {
        var list = await (await agent.GetAsync("/api/online-intake?pageSize=200")).ShouldBe(HttpStatusCode.OK);
        return list.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("number").GetString() == number);
    }

    /// <summary>The registration an agent completes when accepting (dispatch unless told otherwise).</summary>
    public static object Acceptance(long version, object? outcome = null) => new
    {
        channel = "phone", // ignored: the submission's channel stands
        requestType = "complaint",
        categoryCode = "010101",
        urgency = "normal",
        caller = new { name = "冒名", phone = "13000000000", isAnonymous = false, isConfidential = false }, // ignored: the verified phone stands
        location = new { regionCode = "990102001", street = "东华街道", address = "明珠小区3栋2单元" },
        subject = "小区电梯停运",
        events = "小区3栋电梯停运两周，物业一直不修。",
        demand = "请督促物业尽快修复电梯。",
        outcome = outcome ?? new { kind = "dispatch" },
        version,
    };
}
