namespace BlazorContact.Core.Storage;

/// <summary>Storage could not commit (locked, disk full, gone). Nothing of the failed write was stored.</summary>
public sealed class StorageUnavailableException : Exception
{
    public StorageUnavailableException()
    {
    }

    public StorageUnavailableException(string message)
        : base(message)
    {
    }

    public StorageUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
