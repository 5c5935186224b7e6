namespace BlazorContact.Core.Health;

/// <summary>
/// One dependency the instance needs to serve visitors (the database; with several instances, the backplane).
/// <c>/readyz</c> asks every registered check and is ready only when all are, so a load balancer stops
/// sending traffic to an instance that would accept it and fail to store or deliver it.
/// </summary>
public interface IReadinessCheck
{
    /// <summary>Shown in <c>/readyz</c>'s answer, such as <c>database</c> or <c>backplane</c>.</summary>
    string Name { get; }

    /// <summary>Whether the dependency works right now. Quick (a probe, not a repair) and never throws.</summary>
    Task<ReadinessResult> CheckAsync(CancellationToken cancellationToken);
}

/// <summary>A check's answer: ready or not, and why, in words for an operator.</summary>
public sealed record ReadinessResult(bool Ready, string Detail)
{
    public static ReadinessResult Healthy(string detail = "ok") => new(true, detail);

    public static ReadinessResult Unhealthy(string detail) => new(false, detail);
}
