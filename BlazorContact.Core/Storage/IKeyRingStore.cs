namespace BlazorContact.Core.Storage;

/// <summary>
/// Where the ASP.NET Core Data Protection key ring lives (the keys that encrypt the owner's sign-in
/// cookie and antiforgery tokens): in the same database as the conversations, so a restart, a new
/// machine or a second server on that database keeps the owner signed in. Elements are opaque XML.
/// Synchronous because its one caller, Data Protection's <c>IXmlRepository</c>, is; it reads at start and
/// about daily, and writes about every 90 days.
/// Guarantee: when <see cref="Store"/> returns, the element is committed durably. Failures surface as
/// <see cref="StorageUnavailableException"/>.
/// </summary>
public interface IKeyRingStore
{
    /// <summary>Every stored element, in the order stored.</summary>
    IReadOnlyList<KeyRingElement> GetAll();

    /// <summary>Stores <paramref name="xml"/> under <paramref name="name"/>. A name already stored keeps its first element.</summary>
    void Store(string name, string xml);
}
