using Instances.Server.Hosting;
using System.CommandLine;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Instances.Server.Security;

/// <summary>
/// <c>mint-token --project demo --roles member</c>: a development token signed with the configured
/// <c>Auth:Jwt:SigningKey</c>, for the configured issuer and audience — what a real identity
/// provider would issue. Prints the token alone, so <c>TOKEN=$(... mint-token ...)</c> works.
/// </summary>
public static class MintTokenCommand
{
    public static Command Create()
    {
        var project = new Option<string>("--project") { Description = "The project (tenant) the token speaks for.", Required = true };
        var user = new Option<string?>("--user") { Description = "The user id (claim 'sub'); default: the project." };
        var roles = new Option<string>("--roles") { Description = "Comma-separated roles, e.g. member or admin.", DefaultValueFactory = _ => "member" };
        var minutes = new Option<int>("--minutes") { Description = "Lifetime in minutes.", DefaultValueFactory = _ => 60 };
        var command = new Command("mint-token", "Print a development JWT signed with Auth:Jwt:SigningKey, then exit.") { project, user, roles, minutes };
        command.SetAction(async (result, cancellationToken) =>
        {
            var configuration = Host.CreateApplicationBuilder([.. result.UnmatchedTokens]).Configuration;
            var jwt = configuration.GetSection("Auth:Jwt").Get<JwtSettings>() ?? new JwtSettings();
            try
            {
                jwt.Check();
                if (jwt.SigningKey is null)
                {
                    throw new ConfigurationRefusedException("mint-token signs with Auth:Jwt:SigningKey; tokens of an Auth:Jwt:Authority come from that authority.");
                }
            }
            catch (ConfigurationRefusedException refused)
            {
                await Console.Error.WriteLineAsync(refused.Message);
                return 2;
            }

            var projectId = result.GetValue(project)!;
            Console.WriteLine(Mint(jwt, projectId, result.GetValue(user) ?? projectId,
                result.GetValue(roles)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                TimeSpan.FromMinutes(result.GetValue(minutes))));
            return 0;
        });
        return command;
    }

    public static string Mint(JwtSettings jwt, string project, string user, string[] roles, TimeSpan lifetime)
    {
        ArgumentNullException.ThrowIfNull(jwt);
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = jwt.Issuer,
            Audience = jwt.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + lifetime,
            Claims = new Dictionary<string, object> { [jwt.ProjectClaim] = project, [jwt.UserClaim] = user, [jwt.RolesClaim] = roles },
            SigningCredentials = new SigningCredentials(AuthenticationExtensions.SigningKey(jwt.SigningKey!), SecurityAlgorithms.HmacSha256),
        });
    }
}
