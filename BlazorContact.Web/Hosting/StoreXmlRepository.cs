using System.Xml.Linq;
using BlazorContact.Core.Storage;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace BlazorContact.Web.Hosting;

/// <summary>Data Protection's key repository over <see cref="IKeyRingStore"/>: the key ring lives in the contact database.</summary>
internal sealed class StoreXmlRepository(IKeyRingStore store) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements() => [.. store.GetAll().Select(element => XElement.Parse(element.Xml))];

    public void StoreElement(XElement element, string friendlyName) =>
        // Data Protection names keys key-{guid}; a nameless element still gets a name of its own.
        store.Store(string.IsNullOrWhiteSpace(friendlyName) ? Guid.NewGuid().ToString("N") : friendlyName, element.ToString(SaveOptions.DisableFormatting));
}
