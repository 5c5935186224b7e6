namespace BlazorContact.Web.Components.Widget;

/// <summary>What the visitor filled in on the contact form: the message, and optionally how to reach them.</summary>
public sealed record ContactRequestDraft(string Message, string? Name, string? Email);
