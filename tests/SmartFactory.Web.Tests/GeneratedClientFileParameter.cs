namespace SmartFactory.Web.Tests.Generated;

/// <summary>
/// The file of a multipart upload, as the generated client takes it. NSwag (openapi2csclient) names this type for the
/// upload operation described by an OpenAPI 3 multipart request body but does not write it; an integrator adds these
/// few lines once, as here.
/// </summary>
public sealed class FileParameter(Stream data, string? fileName = null, string? contentType = null)
{
    public Stream Data { get; } = data;
    public string? FileName { get; } = fileName;
    public string? ContentType { get; } = contentType;
}
