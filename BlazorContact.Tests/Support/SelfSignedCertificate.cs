using System.Diagnostics;
using System.Net.Http;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace BlazorContact.Tests.Support;

/// <summary>
/// A throwaway TLS certificate for 127.0.0.1 made by the real <c>openssl</c> (as an operator would make one), as PEM
/// files in a temporary folder; clients trust exactly this certificate and nothing else.
/// </summary>
public sealed class SelfSignedCertificate : IDisposable
{
    private SelfSignedCertificate(string folder, X509Certificate2 certificate)
    {
        Folder = folder;
        Certificate = certificate;
    }

    public string Folder { get; }

    public string CertificatePath => Path.Combine(Folder, "cert.pem");

    public string KeyPath => Path.Combine(Folder, "key.pem");

    public X509Certificate2 Certificate { get; }

    public static async Task<SelfSignedCertificate> CreateAsync()
    {
        var folder = TestFolder.Create();
        var start = new ProcessStartInfo("openssl")
        {
            ArgumentList =
            {
                "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2",
                "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
                "-keyout", Path.Combine(folder, "key.pem"), "-out", Path.Combine(folder, "cert.pem"),
            },
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        using var openssl = Process.Start(start)!;
        var errors = openssl.StandardError.ReadToEndAsync();
        await openssl.StandardOutput.ReadToEndAsync();
        await openssl.WaitForExitAsync();
        Assert.True(openssl.ExitCode == 0, $"openssl failed: {await errors}");
        return new SelfSignedCertificate(folder, X509Certificate2.CreateFromPemFile(Path.Combine(folder, "cert.pem"), Path.Combine(folder, "key.pem")));
    }

    /// <summary>Accepts this certificate only (by thumbprint): a wrong or missing one still fails the handshake.</summary>
    public bool Validate(X509Certificate? presented) =>
        presented is not null && string.Equals(presented.GetCertHashString(), Certificate.GetCertHashString(), StringComparison.Ordinal);

    /// <summary>An HTTP stack (for <see cref="HttpClient"/> and <c>ClientWebSocket</c>) that trusts this certificate.</summary>
    public SocketsHttpHandler CreateHandler() => new()
    {
        SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = (_, presented, _, _) => Validate(presented) },
    };

    public void Dispose()
    {
        Certificate.Dispose();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // Still open somewhere; the temp folder is cleaned by the OS later.
        }
    }
}
