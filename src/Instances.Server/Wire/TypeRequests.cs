namespace Instances.Server.Wire;

/// <summary>The body of <c>POST /v1/types</c>.</summary>
public sealed class CreateTypeRequest
{
    public string? Name { get; set; }
    public string? Description { get; set; }
    public bool? IsPublic { get; set; }
    public IDictionary<string, string?>? ExtraSpecs { get; set; }
}

/// <summary>The body of <c>PUT /v1/types/{uuid}</c>: only these three; extra specs have their own resource.</summary>
public sealed class UpdateTypeRequest
{
    private string? _description;

    public string? Name { get; set; }

    /// <summary>Null clears it; absent leaves it, hence <see cref="HasDescription"/>.</summary>
    public string? Description
    {
        get => _description;
        set
        {
            _description = value;
            HasDescription = true;
        }
    }

    [System.Text.Json.Serialization.JsonIgnore]
    public bool HasDescription { get; private set; }

    public bool? IsPublic { get; set; }
}
