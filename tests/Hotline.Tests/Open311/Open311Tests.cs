using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using Hotline.Tests.Citizens;
using Hotline.Tests.Infrastructure;
using Hotline.Tests.WorkOrders;

namespace Hotline.Tests.Open311;

/// <summary>
/// Issue 18: Open311 GeoReport v2 in JSON and XML, every field of every answer checked against the spec's examples
/// (names, nesting, types, ISO 8601 dates with their offset), errors in the spec's format, and no caller data anywhere.
/// </summary>
public abstract class Open311Tests(AppFixture app) : WorkOrderHttpTests(app)
{
    private const string Base = "/open311/v2";

    private static readonly string[] RequestFields =
    [
        "service_request_id", "status", "status_notes", "service_name", "service_code", "description", "agency_responsible", "service_notice",
        "requested_datetime", "updated_datetime", "expected_datetime", "address", "address_id", "zipcode", "lat", "long", "media_url",
    ];

    private readonly CitizenApi _citizen = new(app);

    [Fact]
    public async Task Discovery_InBothFormats_NamesTheSpecTheUrlAndTheFormats()
    {
        var client = Client();
        var json = await Json(await client.GetAsync($"{Base}/discovery.json"));
        Assert.Equal(["changeset", "contact", "key_service", "endpoints"], Names(json));
        AssertDate(json.GetProperty("changeset").GetString());
        var endpoint = json.GetProperty("endpoints")[0];
        Assert.Equal(["specification", "url", "changeset", "type", "formats"], Names(endpoint));
        Assert.Equal("http://wiki.open311.org/GeoReport_v2", endpoint.GetProperty("specification").GetString());
        Assert.EndsWith("/open311/v2", endpoint.GetProperty("url").GetString(), StringComparison.Ordinal);
        Assert.Equal(["text/xml", "application/json"], endpoint.GetProperty("formats").EnumerateArray().Select(f => f.GetString()!));

        var xml = await Xml(await client.GetAsync($"{Base}/discovery.xml"));
        Assert.Equal("discovery", xml.Name.LocalName);
        Assert.Equal(["changeset", "contact", "key_service", "endpoints"], xml.Elements().Select(e => e.Name.LocalName));
        var xmlEndpoint = xml.Element("endpoints")!.Element("endpoint")!;
        Assert.Equal("http://wiki.open311.org/GeoReport_v2", xmlEndpoint.Element("specification")!.Value);
        Assert.Equal(["text/xml", "application/json"], xmlEndpoint.Element("formats")!.Elements("format").Select(f => f.Value));
    }

    [Fact]
    public async Task Services_AreTheCategoriesCitizensChooseFrom_WithEveryFieldOfTheSpec()
    {
        var client = Client();
        var json = await Json(await client.GetAsync($"{Base}/services.json"));
        var services = json.EnumerateArray().ToList();
        Assert.Contains(services, s => s.GetProperty("service_code").GetString() == "0101");
        Assert.DoesNotContain(services, s => s.GetProperty("service_code").GetString() == "010101");
        foreach (var service in services)
        {
            Assert.Equal(["service_code", "service_name", "description", "metadata", "type", "keywords", "group"], Names(service));
            Assert.Equal(JsonValueKind.True, service.GetProperty("metadata").ValueKind);
            Assert.Equal("batch", service.GetProperty("type").GetString());
            Assert.False(string.IsNullOrEmpty(service.GetProperty("service_name").GetString()));
            Assert.Equal(JsonValueKind.String, service.GetProperty("keywords").ValueKind);
        }

        var child = services.Single(s => s.GetProperty("service_code").GetString() == "0101");
        var top = services.Single(s => s.GetProperty("service_code").GetString() == "01");
        Assert.Equal(top.GetProperty("service_name").GetString(), child.GetProperty("group").GetString());

        var xml = await Xml(await client.GetAsync($"{Base}/services.xml"));
        Assert.Equal("services", xml.Name.LocalName);
        Assert.Equal(services.Count, xml.Elements("service").Count());
        var first = xml.Elements("service").First();
        Assert.Equal(["service_code", "service_name", "description", "metadata", "type", "keywords", "group"], first.Elements().Select(e => e.Name.LocalName));
        Assert.Equal("true", first.Element("metadata")!.Value);
    }

    [Fact]
    public async Task ServiceDefinition_AsksTheRequestTypeAsASingleValueList_AndAnUnknownServiceIs404InTheErrorFormat()
    {
        var client = Client();
        var json = await Json(await client.GetAsync($"{Base}/services/0101.json"));
        Assert.Equal(["service_code", "attributes"], Names(json));
        Assert.Equal("0101", json.GetProperty("service_code").GetString());
        var attributes = json.GetProperty("attributes").EnumerateArray().ToList();
        foreach (var a in attributes)
        {
            Assert.Equal(["variable", "code", "datatype", "required", "datatype_description", "order", "description", "values"], Names(a));
            Assert.Equal(JsonValueKind.True, a.GetProperty("variable").ValueKind);
            Assert.Contains(a.GetProperty("datatype").GetString(), new[] { "string", "number", "datetime", "text", "singlevaluelist", "multivaluelist" });
            Assert.Equal(JsonValueKind.Number, a.GetProperty("order").ValueKind);
        }

        var type = attributes[0];
        Assert.Equal(("request_type", "singlevaluelist", true), (type.GetProperty("code").GetString(), type.GetProperty("datatype").GetString(), type.GetProperty("required").GetBoolean()));
        var values = type.GetProperty("values").EnumerateArray().Select(v => (v.GetProperty("key").GetString(), v.GetProperty("name").GetString())).ToList();
        Assert.Contains(("inquiry", "咨询"), values);
        Assert.Contains(("helpRequest", "求助"), values);
        Assert.Equal(5, values.Count);

        var xml = await Xml(await client.GetAsync($"{Base}/services/0101.xml"));
        Assert.Equal("service_definition", xml.Name.LocalName);
        var xmlType = xml.Element("attributes")!.Elements("attribute").First();
        Assert.Equal("request_type", xmlType.Element("code")!.Value);
        Assert.Equal("咨询", xmlType.Element("values")!.Elements("value").First().Element("name")!.Value);

        await AssertErrors(await client.GetAsync($"{Base}/services/999999.json"), HttpStatusCode.NotFound, "999999");
        await AssertErrors(await client.GetAsync($"{Base}/services/999999.xml"), HttpStatusCode.NotFound, "999999");
        await AssertErrors(await client.GetAsync($"{Base}/services/010101.json"), HttpStatusCode.NotFound, "010101"); // not offered to citizens
    }

    [Fact]
    public async Task UnknownFormat_Is404_AndAWrongJurisdictionIsAnError()
    {
        var client = Client();
        await AssertErrors(await client.GetAsync($"{Base}/services.html"), HttpStatusCode.NotFound, "json or xml");
        await AssertErrors(await client.GetAsync($"{Base}/services.json?jurisdiction_id=other.city"), HttpStatusCode.BadRequest, "jurisdiction_id");
        await AssertErrors(await client.GetAsync($"{Base}/requests.xml?jurisdiction_id=other.city"), HttpStatusCode.BadRequest, "jurisdiction_id");
        await Json(await client.GetAsync($"{Base}/services.json?jurisdiction_id=990100"));
    }

    [Fact]
    public async Task Post_WithoutAKey_OrWithARevokedKey_IsRefusedInTheErrorFormat()
    {
        var client = Client();
        await AssertErrors(await client.PostAsync($"{Base}/requests.json", Form(Fields())), HttpStatusCode.Forbidden, "api_key");
        await AssertErrors(await client.PostAsync($"{Base}/requests.xml", Form(Fields())), HttpStatusCode.Forbidden, "api_key");

        var (key, id, version) = await NewKey();
        var admin = await Api.As("admin");
        await (await admin.PostJsonAsync($"/api/channel-keys/{id}/revoke", new { version })).ShouldBe(HttpStatusCode.OK);
        await AssertErrors(await client.PostAsync($"{Base}/requests.json", Form(Fields(key))), HttpStatusCode.Forbidden, "revoked");
        var header = Client();
        header.DefaultRequestHeaders.Add("X-Api-Key", key);
        await AssertErrors(await header.PostAsync($"{Base}/requests.xml", Form(Fields())), HttpStatusCode.Forbidden, "revoked");
    }

    [Fact]
    public async Task Post_BadFields_AreErrorsNamingTheOpen311Field_InBothFormats()
    {
        var (key, _, _) = await NewKey();
        var client = Client();
        var bad = new Dictionary<string, string>
        {
            ["api_key"] = key,
            ["service_code"] = "999999",
            ["lat"] = "north",
            ["description"] = "太短",
            ["phone"] = "12345",
            ["attribute[request_type]"] = "praise",
            ["media_url"] = "javascript:alert(1)",
        };
        var json = await Errors(await client.PostAsync($"{Base}/requests.json", Form(bad)), HttpStatusCode.BadRequest);
        foreach (var field in new[] { "service_code", "lat", "description", "phone", "attribute[request_type]", "media_url" })
        {
            Assert.Contains(json, d => d.StartsWith(field + ":", StringComparison.Ordinal));
        }

        var xml = await Errors(await client.PostAsync($"{Base}/requests.xml", Form(new Dictionary<string, string> { ["api_key"] = key, ["service_code"] = "0101" })), HttpStatusCode.BadRequest);
        Assert.Contains(xml, d => d.StartsWith("address_string:", StringComparison.Ordinal)); // neither an address nor a position
        Assert.Contains(xml, d => d.StartsWith("phone:", StringComparison.Ordinal));
        Assert.Contains(xml, d => d.StartsWith("description:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Post_GivesAToken_ThenAcceptedByAnAgent_ItIsVisibleViaTokensAndRequests_WithoutAnyCallerData()
    {
        var (key, _, _) = await NewKey();
        var client = Client();
        var (phone, _) = CitizenApi.NewCitizen();
        var posted = await Json(await client.PostAsync($"{Base}/requests.json", Form(Fields(key, phone))), HttpStatusCode.Created);
        var answer = posted[0];
        Assert.Equal(["token", "service_notice", "account_id"], Names(answer));
        var token = answer.GetProperty("token").GetString()!;
        Assert.Matches("^W[0-9]{18}$", token);

        var pending = await Json(await client.GetAsync($"{Base}/tokens/{token}.json"));
        Assert.Equal(["service_request_id", "token"], Names(pending[0]));
        Assert.Equal(string.Empty, pending[0].GetProperty("service_request_id").GetString());

        // The request waits in the existing online intake queue, with the key's channel and the phone given.
        var agent = await Api.As("agent");
        var queued = await CitizenApi.Queued(agent, token);
        Assert.Equal("app", queued.GetProperty("channel").GetString());
        var one = await (await agent.GetAsync($"/api/online-intake/{queued.GetProperty("id").GetInt64()}")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(phone, one.GetProperty("phone").GetString());
        Assert.Equal("李四", one.GetProperty("citizenName").GetString());
        Assert.Equal("helpRequest", one.GetProperty("requestType").GetString());
        var accepted = await (await agent.PostJsonAsync($"/api/online-intake/{queued.GetProperty("id").GetInt64()}/accept", CitizenApi.Acceptance(queued.GetProperty("version").GetInt64())))
            .ShouldBe(HttpStatusCode.Created);
        var number = accepted.GetProperty("workOrderNumber").GetString()!;
        await Api.Ok("dispatcher", accepted.GetProperty("workOrderId").GetInt64(), "dispatch", new { leadUnitId = await Api.UnitId("AL-DC-ZJ") });

        var tokenJson = await (await client.GetAsync($"{Base}/tokens/{token}.json")).Content.ReadAsStringAsync();
        Assert.Equal(number, JsonDocument.Parse(tokenJson).RootElement[0].GetProperty("service_request_id").GetString());
        var tokenXml = XDocument.Parse(await (await client.GetAsync($"{Base}/tokens/{token}.xml")).Content.ReadAsStringAsync()).Root!;
        Assert.Equal(number, tokenXml.Element("request")!.Element("service_request_id")!.Value);

        var rawJson = await (await client.GetAsync($"{Base}/requests/{number}.json")).Content.ReadAsStringAsync();
        var request = JsonDocument.Parse(rawJson).RootElement[0];
        Assert.Equal(RequestFields, Names(request));
        Assert.Equal(number, request.GetProperty("service_request_id").GetString());
        Assert.Equal("open", request.GetProperty("status").GetString());
        Assert.Equal("已派单至承办单位", request.GetProperty("status_notes").GetString());
        Assert.Equal("0101", request.GetProperty("service_code").GetString()); // the order's 010101, at the level citizens choose from
        Assert.False(string.IsNullOrEmpty(request.GetProperty("service_name").GetString()));
        Assert.Equal(string.Empty, request.GetProperty("description").GetString());
        Assert.Equal("东城区住房和城乡建设局", request.GetProperty("agency_responsible").GetString());
        Assert.False(string.IsNullOrEmpty(request.GetProperty("service_notice").GetString()));
        var requested = AssertDate(request.GetProperty("requested_datetime").GetString());
        var updated = AssertDate(request.GetProperty("updated_datetime").GetString());
        var expected = AssertDate(request.GetProperty("expected_datetime").GetString());
        Assert.True(updated >= requested && expected > requested);
        // Anyone may read any number: the street only, never the free address (明珠小区3栋2单元) or a position.
        Assert.Equal("东华街道", request.GetProperty("address").GetString());
        Assert.Equal(JsonValueKind.Null, request.GetProperty("lat").ValueKind);
        Assert.DoesNotContain("明珠小区", rawJson, StringComparison.Ordinal);
        Assert.Equal(string.Empty, request.GetProperty("media_url").GetString());

        var rawXml = await (await client.GetAsync($"{Base}/requests/{number}.xml")).Content.ReadAsStringAsync();
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>", rawXml, StringComparison.Ordinal);
        var xmlRequest = XDocument.Parse(rawXml).Root!;
        Assert.Equal("service_requests", xmlRequest.Name.LocalName);
        var element = xmlRequest.Element("request")!;
        Assert.Equal(RequestFields, element.Elements().Select(e => e.Name.LocalName));
        Assert.Equal(request.GetProperty("expected_datetime").GetString(), element.Element("expected_datetime")!.Value);
        Assert.Equal("open", element.Element("status")!.Value);

        var list = await (await client.GetAsync($"{Base}/requests.json?service_request_id={number},NOPE")).Content.ReadAsStringAsync();
        Assert.Single(JsonDocument.Parse(list).RootElement.EnumerateArray());
        foreach (var raw in new[] { rawJson, rawXml, tokenJson, list })
        {
            Assert.DoesNotContain(phone, raw, StringComparison.Ordinal);
            Assert.DoesNotContain(phone[^4..] + "\"", raw, StringComparison.Ordinal);
            Assert.DoesNotContain("李四", raw, StringComparison.Ordinal);
            Assert.DoesNotContain("张三", raw, StringComparison.Ordinal);
            Assert.DoesNotContain("电梯停运", raw, StringComparison.Ordinal); // the citizen's own words
        }
    }

    [Fact]
    public async Task Requests_FilterByServiceCodeDatesAndStatus_AndRefuseBadFilters()
    {
        var id = await Api.Dispatched(WorkOrderApi.Order(phone: "13911112222"));
        var number = (await Api.Get("agent", id)).GetProperty("number").GetString()!;
        var client = Client();
        var start = Uri.EscapeDataString(AppFixture.DefaultNow.AddDays(-1).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture));
        var end = Uri.EscapeDataString(AppFixture.DefaultNow.AddDays(1).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture));
        async Task<List<string>> Ids(string query) =>
            (await Json(await client.GetAsync($"{Base}/requests.json?{query}"))).EnumerateArray().Select(r => r.GetProperty("service_request_id").GetString()!).ToList();

        Assert.Contains(number, await Ids($"start_date={start}&end_date={end}"));
        Assert.Contains(number, await Ids($"start_date={start}&end_date={end}&service_code=0101&status=open"));
        Assert.Contains(number, await Ids(string.Empty)); // the last 90 days by default
        Assert.DoesNotContain(number, await Ids($"start_date={start}&end_date={end}&status=closed"));
        Assert.DoesNotContain(number, await Ids($"start_date={start}&end_date={end}&service_code=02"));
        Assert.DoesNotContain(number, await Ids($"end_date={start}"));
        var xml = await Xml(await client.GetAsync($"{Base}/requests.xml?start_date={start}&end_date={end}"));
        Assert.Contains(number, xml.Elements("request").Select(r => r.Element("service_request_id")!.Value));

        await AssertErrors(await client.GetAsync($"{Base}/requests.json?start_date=2026-03-01"), HttpStatusCode.BadRequest, "start_date"); // no offset
        await AssertErrors(await client.GetAsync($"{Base}/requests.json?start_date={end}&end_date={start}"), HttpStatusCode.BadRequest, "end_date");
        await AssertErrors(await client.GetAsync($"{Base}/requests.xml?start_date=2025-01-01T00:00:00Z&end_date=2026-01-01T00:00:00Z"), HttpStatusCode.BadRequest, "start_date");
        await AssertErrors(await client.GetAsync($"{Base}/requests.json?status=pending"), HttpStatusCode.BadRequest, "status");
        await AssertErrors(await client.GetAsync($"{Base}/requests.json?service_code=999999"), HttpStatusCode.BadRequest, "service_code");
        await AssertErrors(await client.GetAsync($"{Base}/requests/NOPE.xml"), HttpStatusCode.NotFound, "NOPE");
    }

    [Fact]
    public async Task ConfidentialOrder_IsShownWithoutAnyPlaceDetail_AndWithoutItsCaller()
    {
        var id = await Api.Dispatched(WorkOrderApi.Order(phone: "13933334444", confidential: true, callerName: "王保密"));
        var number = (await Api.Get("agent", id)).GetProperty("number").GetString()!;
        var client = Client();
        var raw = await (await client.GetAsync($"{Base}/requests/{number}.json")).Content.ReadAsStringAsync();
        var request = JsonDocument.Parse(raw).RootElement[0];
        Assert.Equal(string.Empty, request.GetProperty("address").GetString());
        Assert.Equal(JsonValueKind.Null, request.GetProperty("lat").ValueKind);
        Assert.Equal(JsonValueKind.Null, request.GetProperty("long").ValueKind);
        Assert.Equal("open", request.GetProperty("status").GetString());
        var xml = await (await client.GetAsync($"{Base}/requests/{number}.xml")).Content.ReadAsStringAsync();
        Assert.Equal(string.Empty, XDocument.Parse(xml).Root!.Element("request")!.Element("address")!.Value);
        foreach (var text in new[] { raw, xml })
        {
            Assert.DoesNotContain("明珠小区", text, StringComparison.Ordinal);
            Assert.DoesNotContain("13933334444", text, StringComparison.Ordinal);
            Assert.DoesNotContain("王保密", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ClosedOrder_IsClosed_WithItsClosingAsUpdated()
    {
        var registered = await Api.Register(WorkOrderApi.Order(outcome: new { kind = "answerDirectly", answer = "已告知办理地点和所需材料。" }));
        var number = registered.GetProperty("number").GetString()!;
        var request = (await Json(await Client().GetAsync($"{Base}/requests/{number}.json")))[0];
        Assert.Equal("closed", request.GetProperty("status").GetString());
        Assert.Equal("已办结", request.GetProperty("status_notes").GetString());
        Assert.Equal(string.Empty, request.GetProperty("expected_datetime").GetString());
        AssertDate(request.GetProperty("updated_datetime").GetString());
    }

    private HttpClient Client() => _citizen.Client(CitizenApi.NewCitizen().N + 9000);

    private async Task<(string Key, long Id, long Version)> NewKey()
    {
        var admin = await Api.As("admin");
        var created = await (await admin.PostJsonAsync("/api/channel-keys", new { name = "Open311伙伴", channel = "app" })).ShouldBe(HttpStatusCode.Created);
        return (created.GetProperty("secret").GetString()!, created.GetProperty("key").GetProperty("id").GetInt64(), created.GetProperty("key").GetProperty("version").GetInt64());
    }

    private static Dictionary<string, string> Fields(string? key = null, string phone = "13955556666")
    {
        var fields = new Dictionary<string, string>
        {
            ["service_code"] = "0101",
            ["lat"] = "30.1",
            ["long"] = "120.2",
            ["address_string"] = "明珠小区3栋2单元",
            ["first_name"] = "四",
            ["last_name"] = "李",
            ["email"] = "li@example.cn",
            ["phone"] = phone,
            ["description"] = "小区3栋电梯停运两周，物业一直不修，老人上下楼非常困难。",
            ["attribute[request_type]"] = "helpRequest",
            ["attribute[region_code]"] = "990102001",
        };
        if (key is not null)
        {
            fields["api_key"] = key;
        }

        return fields;
    }

    private static FormUrlEncodedContent Form(Dictionary<string, string> fields) => new(fields);

    private static List<string> Names(JsonElement e) => e.EnumerateObject().Select(p => p.Name).ToList();

    private static DateTimeOffset AssertDate(string? text)
    {
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$", text);
        return DateTimeOffset.Parse(text!, CultureInfo.InvariantCulture);
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response, HttpStatusCode status = HttpStatusCode.OK)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{response.StatusCode}: {body}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static async Task<XElement> Xml(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}: {body}");
        Assert.Equal("text/xml", response.Content.Headers.ContentType?.MediaType);
        return XDocument.Parse(body).Root!;
    }

    /// <summary>The spec's errors: JSON [{code, description}] or XML &lt;errors&gt;&lt;error&gt;&lt;code/&gt;&lt;description/&gt;; returns the descriptions.</summary>
    private static async Task<List<string>> Errors(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{response.StatusCode}: {body}");
        if (response.Content.Headers.ContentType?.MediaType == "text/xml")
        {
            var root = XDocument.Parse(body).Root!;
            Assert.Equal("errors", root.Name.LocalName);
            var errors = root.Elements("error").ToList();
            Assert.NotEmpty(errors);
            Assert.All(errors, e => Assert.Equal(["code", "description"], e.Elements().Select(c => c.Name.LocalName)));
            Assert.All(errors, e => Assert.Equal(((int)status).ToString(CultureInfo.InvariantCulture), e.Element("code")!.Value));
            return errors.Select(e => e.Element("description")!.Value).ToList();
        }

        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var json = JsonDocument.Parse(body).RootElement;
        Assert.Equal(JsonValueKind.Array, json.ValueKind);
        Assert.All(json.EnumerateArray(), e => Assert.Equal(["code", "description"], Names(e)));
        Assert.All(json.EnumerateArray(), e => Assert.Equal((int)status, e.GetProperty("code").GetInt32()));
        return json.EnumerateArray().Select(e => e.GetProperty("description").GetString()!).ToList();
    }

    private static async Task AssertErrors(HttpResponseMessage response, HttpStatusCode status, string mention)
    {
        var expectXml = response.RequestMessage!.RequestUri!.AbsolutePath.EndsWith(".xml", StringComparison.Ordinal)
            || !response.RequestMessage.RequestUri.AbsolutePath.EndsWith(".json", StringComparison.Ordinal);
        Assert.Equal(expectXml ? "text/xml" : "application/json", response.Content.Headers.ContentType?.MediaType);
        var descriptions = await Errors(response, status);
        Assert.Contains(descriptions, d => d.Contains(mention, StringComparison.Ordinal));
    }
}

public sealed class Open311Tests_Sqlite(SqliteApp app) : Open311Tests(app), IClassFixture<SqliteApp>;

public sealed class Open311Tests_Postgres(PostgresApp app) : Open311Tests(app), IClassFixture<PostgresApp>;
