using System.Net;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace BlazorContact.Core.Backplane;

public partial class RedisBackplane
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 32, Level = LogLevel.Information, Message = "Redis backplane started as {InstanceId} on channel {ChannelPrefix}:events")]
        public static partial void Started(ILogger logger, string instanceId, string channelPrefix);

        [LoggerMessage(EventId = 33, Level = LogLevel.Warning, Message = "Redis connection to {EndPoint} failed ({FailureType})")]
        public static partial void ConnectionFailed(ILogger logger, EndPoint? endPoint, ConnectionFailureType failureType, Exception? exception);

        [LoggerMessage(EventId = 34, Level = LogLevel.Information, Message = "Redis connection to {EndPoint} restored")]
        public static partial void ConnectionRestored(ILogger logger, EndPoint? endPoint);

        [LoggerMessage(EventId = 35, Level = LogLevel.Warning, Message = "Subscribing to the backplane channel failed; retrying")]
        public static partial void SubscribeFailed(ILogger logger, Exception exception);

        [LoggerMessage(EventId = 36, Level = LogLevel.Warning, Message = "An unreadable backplane message was ignored")]
        public static partial void UnreadableMessage(ILogger logger, Exception exception);

        [LoggerMessage(EventId = 37, Level = LogLevel.Error, Message = "A backplane listener failed on a {Kind} message")]
        public static partial void ListenerFailed(ILogger logger, string kind, Exception exception);

        [LoggerMessage(EventId = 38, Level = LogLevel.Information, Message = "Backplane {InstanceId} ready: own probes come back")]
        public static partial void Ready(ILogger logger, string instanceId);

        [LoggerMessage(EventId = 39, Level = LogLevel.Warning, Message = "Backplane {InstanceId} not ready (connected: {Connected}, no own probe for {SilentMs} ms)")]
        public static partial void NotReady(ILogger logger, string instanceId, bool connected, long silentMs);

        [LoggerMessage(EventId = 40, Level = LogLevel.Warning, Message = "Backplane subscription silent for {SilentMs} ms while connected: replacing the connection")]
        public static partial void Repairing(ILogger logger, long silentMs);

        [LoggerMessage(EventId = 41, Level = LogLevel.Warning, Message = "Replacing the Redis connection failed; trying again")]
        public static partial void RepairFailed(ILogger logger, Exception exception);

        [LoggerMessage(EventId = 42, Level = LogLevel.Debug, Message = "Closing a replaced Redis connection failed")]
        public static partial void CloseFailed(ILogger logger, Exception exception);

        [LoggerMessage(EventId = 43, Level = LogLevel.Warning, Message = "Publishing to the backplane failed; messages wait in the outbox")]
        public static partial void PublishFailed(ILogger logger, Exception exception);

        [LoggerMessage(EventId = 44, Level = LogLevel.Information, Message = "Publishing to the backplane again")]
        public static partial void PublishingAgain(ILogger logger);

        [LoggerMessage(EventId = 45, Level = LogLevel.Warning, Message = "Backplane periodic work failed (Redis unreachable or slow); the next tick tries again")]
        public static partial void TickFailed(ILogger logger, Exception exception);
    }
}
