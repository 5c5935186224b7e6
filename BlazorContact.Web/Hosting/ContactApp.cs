using BlazorContact.Web.Api;
using BlazorContact.Web.Auth;
using BlazorContact.Web.Components;
using Microsoft.AspNetCore.DataProtection;
using BlazorContact.Web.Endpoints;
using BlazorContact.Web.WidgetHosting;
using BlazorContact.Web.Operations;
using MudBlazor.Services;
using Serilog;

namespace BlazorContact.Web.Hosting;

/// <summary>
/// Builds the whole site: the <c>/contact</c> WebSocket endpoint and the Blazor pages, over one
/// <see cref="Core.Conversations.ContactService"/>. Program.cs and the tests both start it from here.
/// </summary>
public static class ContactApp
{
    /// <summary>Creates the app. <paramref name="configure"/> lets tests override settings before it is built.</summary>
    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = typeof(ContactApp).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        // Serve MudBlazor's and the framework's static files with `dotnet run` in any environment.
        builder.WebHost.UseStaticWebAssets();
        configure?.Invoke(builder);

        // preserveStaticLogger: each app writes to its own pipeline, not the process-wide Log.Logger,
        // so servers started side by side (the tests) keep their logs apart and stopping one closes only its own.
        // The console sink is written here (Logging:Format picks text or JSON); Serilog:WriteTo adds others, such as a file.
        builder.Services.AddSerilog(
            (services, logger) => logger
                .ReadFrom.Configuration(builder.Configuration)
                .ReadFrom.Services(services)
                .Enrich.FromLogContext()
                .WriteToConsole(builder.Configuration),
            preserveStaticLogger: true);

        builder.Services.AddContactCore(builder.Configuration);
        builder.Services.AddOwnerAuthentication(builder.Configuration);
        // Sign-in cookies and antiforgery tokens must survive a restart: the key ring lives in the contact database,
        // not in a home folder the service user may not be able to write.
        builder.Services.AddDataProtection()
            .SetApplicationName("BlazorContact")
            .PersistKeysToContactStorage(builder.Configuration);
        builder.Services.AddOwnerNotifications(builder.Configuration);
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices();
        builder.Services.AddContactOperations(builder.Configuration);
        builder.Services.AddSecurityHeaders();

        var app = builder.Build();
        app.UseForwardedHeaders();
        app.UseSecurityHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
        }

        app.UseSerilogRequestLogging(options => options.GetLevel = (context, _, _) =>
            context.Request.Path.StartsWithSegments(ContactEndpoint.Path) || OperationsServiceCollectionExtensions.IsOperationsPath(context.Request.Path)
                ? Serilog.Events.LogEventLevel.Debug
                : Serilog.Events.LogEventLevel.Information);
        app.UseWebSockets();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapContactEndpoint();
        app.MapOperationsEndpoints();
        app.MapOwnerAuthentication();
        app.MapOwnerApiV1();
        var widget = WidgetScript.Load(app.Environment.WebRootFileProvider);
        app.MapStaticAssets().WithWidgetCaching(widget);
        app.MapWidgetDemo(widget);
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
