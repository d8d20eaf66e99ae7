using Instances.Server.Hosting;
using Instances.Server.Security;
using Microsoft.Extensions.Configuration;

namespace Instances.HttpTests;

public class AuthSettingsTests
{
    private static AuthSettings From(params (string Key, string Value)[] values) =>
        AuthSettings.From(new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)))
            .Build());

    [Fact]
    public void NoAuthIsTheDefault() => Assert.Equal(AuthMode.NoAuth, From().Mode);

    [Fact]
    public void JwtWithIssuerAudienceAndAKeyIsAccepted()
    {
        var settings = From(("Auth:Mode", "jwt"), ("Auth:Jwt:Issuer", "i"), ("Auth:Jwt:Audience", "a"), ("Auth:Jwt:SigningKey", new string('k', 32)), ("Auth:Jwt:RolesClaim", "groups"));

        Assert.Equal(AuthMode.Jwt, settings.Mode);
        Assert.Equal("groups", settings.Jwt.RolesClaim);
        Assert.Equal("project_id", settings.Jwt.ProjectClaim);
    }

    [Theory]
    [InlineData("Bearer", null, null, null, null, "expected NoAuth or Jwt")]
    [InlineData("Jwt", null, "a", "0123456789abcdef0123456789abcdef", null, "needs Auth:Jwt:Issuer and Auth:Jwt:Audience")]
    [InlineData("Jwt", "i", "a", null, null, "exactly one of Auth:Jwt:SigningKey")]
    [InlineData("Jwt", "i", "a", "0123456789abcdef0123456789abcdef", "https://idp.example", "exactly one of Auth:Jwt:SigningKey")]
    [InlineData("Jwt", "i", "a", "too-short", null, "at least 32 bytes")]
    public void SettingsThatCannotWorkSayWhichKeyToFix(string mode, string? issuer, string? audience, string? key, string? authority, string message)
    {
        var values = new List<(string, string)> { ("Auth:Mode", mode) };
        void Add(string name, string? value)
        {
            if (value is not null)
            {
                values.Add(($"Auth:Jwt:{name}", value));
            }
        }

        Add("Issuer", issuer);
        Add("Audience", audience);
        Add("SigningKey", key);
        Add("Authority", authority);

        var refused = Assert.Throws<ConfigurationRefusedException>(() => From([.. values]));
        Assert.Contains(message, refused.Message, StringComparison.Ordinal);
    }
}
