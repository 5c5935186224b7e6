namespace BlazorContact.Core.Replies;

/// <summary>
/// Who is answering which visitor message right now, so a resend arriving while the first answer is
/// still being written is not answered twice. Must be shared by every instance that serves the same
/// database (a resend may reach another instance); the in-memory claims serve one instance.
/// </summary>
public interface IAnswerClaims
{
    /// <summary>Claims the message for answering; false when someone else holds the claim.</summary>
    bool TryClaim(long messageId);

    /// <summary>Gives the claim up (the answer is stored, or it failed).</summary>
    void Release(long messageId);
}
