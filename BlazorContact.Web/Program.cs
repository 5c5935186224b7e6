using BlazorContact.Web.Auth;
using BlazorContact.Web.Check;
using BlazorContact.Web.Hosting;

// `dotnet run --project BlazorContact.Web -- check ws://host:port/contact` checks a deployment;
// `-- hash-password` prints a hash for Owner:PasswordHash; anything else runs the server.
if (args is ["check", ..])
{
    return await DeploymentCheck.RunAsync(args[1..], Console.Out);
}

if (args is ["hash-password", ..])
{
    return await HashPasswordCommand.RunAsync(args[1..], Console.IsInputRedirected ? Console.In : null, Console.Out, Console.Error);
}

var app = ContactApp.Create(args);
await app.RunAsync();
return 0;
