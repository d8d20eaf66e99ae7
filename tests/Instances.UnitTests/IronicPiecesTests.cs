using System.Net;
using Instances.Abstractions;
using Instances.Grains.Ironic;

namespace Instances.UnitTests;

public sealed class IronicPiecesTests
{
    [Theory]
    [InlineData("zone-a", "CUSTOM_AZ_ZONE_A")]
    [InlineData("nova", "CUSTOM_AZ_NOVA")]
    [InlineData("Rack 7.b/east", "CUSTOM_AZ_RACK_7_B_EAST")]
    [InlineData("zoné", "CUSTOM_AZ_ZON_")]
    public void A_zone_is_an_upper_case_custom_trait_with_non_alphanumerics_as_underscores(string zone, string trait) =>
        Assert.Equal(trait, ZoneTraits.For(zone));

    [Fact]
    public void The_fault_string_is_read_from_inside_Ironics_doubly_encoded_error_message()
    {
        const string body = """{"error_message": "{\"faultcode\": \"Client\", \"faultstring\": \"Node abc could not be found.\", \"debuginfo\": null}"}""";

        Assert.Equal("Node abc could not be found.", IronicErrors.FaultString(body));
        Assert.Equal("Ironic could not read node abc: Node abc could not be found (HTTP 404).", IronicErrors.Describe("read node abc", HttpStatusCode.NotFound, body));
    }

    [Theory]
    [InlineData("""{"error_message": {"faultstring": "Boom."}}""", "Boom.")]
    [InlineData("""{"error_message": "plain words"}""", "plain words")]
    [InlineData("Bad Gateway", "Bad Gateway")]
    [InlineData("""{"other": 1}""", null)]
    [InlineData("", null)]
    public void Other_error_shapes_give_what_words_they_have(string body, string? fault) =>
        Assert.Equal(fault, IronicErrors.FaultString(body));

    [Fact]
    public void Without_a_fault_the_message_says_what_to_check()
    {
        Assert.Contains("Driver:Ironic:Token", IronicErrors.Describe("read node n", HttpStatusCode.Unauthorized, ""), StringComparison.Ordinal);
        Assert.Contains("try again later", IronicErrors.Describe("read node n", HttpStatusCode.ServiceUnavailable, null), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(HttpStatusCode.Conflict, "Node n1 is locked by host c1, please retry after the current operation is completed.", true)]
    [InlineData(HttpStatusCode.Conflict, "An allocation with UUID x already exists.", false)]
    [InlineData(HttpStatusCode.ServiceUnavailable, null, true)]
    [InlineData(HttpStatusCode.BadRequest, "The requested action can not be performed", false)]
    [InlineData(HttpStatusCode.InternalServerError, null, false)]
    public void NodeLocked_and_503_are_retried_other_answers_are_not(HttpStatusCode status, string? fault, bool retried) =>
        Assert.Equal(retried, IronicRetry.ShouldRetry(status, fault));

    [Fact]
    public void A_refused_connection_is_retried_for_any_request_a_lost_one_only_for_reads()
    {
        var refused = new HttpRequestException(HttpRequestError.ConnectionError, "refused");
        var lost = new HttpRequestException(HttpRequestError.ResponseEnded, "ended");

        Assert.True(IronicRetry.ShouldRetry(HttpMethod.Put, refused));
        Assert.False(IronicRetry.ShouldRetry(HttpMethod.Put, lost));
        Assert.True(IronicRetry.ShouldRetry(HttpMethod.Get, lost));
    }

    [Theory]
    [InlineData("no available nodes match the resource class baremetal", true)]
    [InlineData("no suitable nodes have the requested traits CUSTOM_AZ_B", true)]
    [InlineData("database is locked", false)]
    [InlineData(null, false)]
    public void Allocation_errors_about_nodes_mean_no_valid_host(string? lastError, bool noHost) =>
        Assert.Equal(noHost, IronicErrors.MeansNoFreeNode(lastError));

    [Fact]
    public void Power_actions_map_to_Ironics_targets_and_only_on_and_off_have_a_settled_state()
    {
        Assert.Equal("rebooting", IronicPowerTargets.For(PowerAction.Reboot));
        Assert.Equal("soft power off", IronicPowerTargets.For(PowerAction.SoftOff));
        Assert.Equal(PowerState.Off, IronicPowerTargets.Settles(PowerAction.SoftOff));
        Assert.Null(IronicPowerTargets.Settles(PowerAction.SoftReboot));
        Assert.Null(IronicPowerTargets.Parse("error"));
    }

    [Theory]
    [InlineData(null, "Driver:Ironic:Endpoint")]
    [InlineData("ftp://x", "Driver:Ironic:Endpoint")]
    public void A_missing_or_odd_endpoint_is_named(string? endpoint, string key)
    {
        var options = new IronicDriverOptions { Endpoint = endpoint is null ? null : new Uri(endpoint) };
        Assert.StartsWith(key, options.FindProblem(), StringComparison.Ordinal);
    }

    [Fact]
    public void Each_bad_setting_names_its_key()
    {
        var good = new Uri("http://127.0.0.1:6385");
        Assert.Null(new IronicDriverOptions { Endpoint = good }.FindProblem());
        Assert.StartsWith("Driver:Ironic:ApiVersion", new IronicDriverOptions { Endpoint = good, ApiVersion = "latest" }.FindProblem(), StringComparison.Ordinal);
        Assert.StartsWith("Driver:Ironic:Token", new IronicDriverOptions { Endpoint = good, Auth = IronicAuth.Token }.FindProblem(), StringComparison.Ordinal);
        Assert.StartsWith("Driver:Ironic:PollInterval", new IronicDriverOptions { Endpoint = good, PollInterval = TimeSpan.Zero }.FindProblem(), StringComparison.Ordinal);
        Assert.StartsWith("Driver:Ironic:MaxRetries", new IronicDriverOptions { Endpoint = good, MaxRetries = -1 }.FindProblem(), StringComparison.Ordinal);
    }
}
