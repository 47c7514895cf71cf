using System.Collections.Concurrent;
using System.Diagnostics;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TraceApp.Workflows.V1;

namespace TraceApp.Workflows.Worker.Runtime;

/// <summary>
/// The worker runtime: registers, polls for a run whenever one of <see cref="WorkflowWorkerOptions.MaxConcurrency"/>
/// slots is free, executes runs concurrently and heartbeats the running run ids. On host stop or a should_drain
/// heartbeat it stops polling, lets running executions finish for up to <see cref="WorkflowWorkerOptions.DrainTimeout"/>,
/// cancels the rest and deregisters (the server puts their runs back to PENDING). A WorkflowServer that is down or
/// restarting is retried with capped backoff.
/// </summary>
internal sealed class WorkflowWorkerService : BackgroundService
{
    /// <summary>How long a stopping worker still waits for cancelled executions, and for Deregister.</summary>
    private static readonly TimeSpan FinalWait = TimeSpan.FromSeconds(5);

    /// <summary>Beyond the poll's own wait, before the call is given up as hung.</summary>
    private static readonly TimeSpan PollGrace = TimeSpan.FromSeconds(15);

    private readonly WorkerService.WorkerServiceClient _client;
    private readonly WorkflowRegistry _registry;
    private readonly WorkflowExecutor _executor;
    private readonly WorkflowWorkerOptions _options;
    private readonly ILogger<WorkflowWorkerService> _logger;
    private readonly ServerOutage _outage;
    private readonly WorkerSession _session;
    private readonly ConcurrentDictionary<string, Task> _running = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _slots;

    public WorkflowWorkerService(
        WorkerService.WorkerServiceClient client, WorkflowRegistry registry, WorkflowExecutor executor,
        IOptions<WorkflowWorkerOptions> options, ILogger<WorkflowWorkerService> logger)
    {
        _client = client;
        _registry = registry;
        _executor = executor;
        _options = Validated(options.Value);
        _logger = logger;
        _outage = new ServerOutage(logger);
        _session = new WorkerSession(client, _options, [.. registry.Names], _outage, logger);
        _slots = new SemaphoreSlim(_options.MaxConcurrency, _options.MaxConcurrency);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Polls and heartbeats are traces of their own, never part of whatever context started the host.
        Activity.Current = null;
        if (_registry.Names.Count == 0)
        {
            _logger.NothingToRun();
            return;
        }

        using var polling = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        using var executionsStopped = new CancellationTokenSource();
        using var heartbeatsStopped = new CancellationTokenSource();
        Task heartbeats = Task.CompletedTask;
        try
        {
            await _session.GetAsync(polling.Token);
            heartbeats = HeartbeatLoopAsync(polling, heartbeatsStopped.Token);
            await PollLoopAsync(executionsStopped.Token, polling.Token);
        }
        catch (Exception exception) when (polling.IsCancellationRequested && exception is OperationCanceledException or RpcException)
        {
            // Stopping or draining; a cancelled call is an RpcException (Cancelled). A run the server claimed for an
            // abandoned poll goes back to PENDING when the worker deregisters.
        }

        await DrainAsync(executionsStopped);
        await heartbeatsStopped.CancelAsync();
        await heartbeats;
        await _session.DeregisterAsync(FinalWait);
    }

    private async Task PollLoopAsync(CancellationToken executionsStopped, CancellationToken polling)
    {
        while (!polling.IsCancellationRequested)
        {
            await _slots.WaitAsync(polling);
            var claimed = false;
            try
            {
                var registration = await _session.GetAsync(polling);
                if (await PollAsync(registration, polling) is { } run)
                {
                    claimed = true;
                    StartExecution(run, executionsStopped);
                }
            }
            finally
            {
                if (!claimed)
                {
                    _slots.Release();
                }
            }
        }
    }

    /// <summary>One long poll; null when it ended without a run (timeout, error, re-registration).</summary>
    private async Task<ClaimedRun?> PollAsync(WorkerRegistration registration, CancellationToken polling)
    {
        var request = new PollTaskRequest
        {
            WorkerId = registration.WorkerId,
            Namespace = _options.Namespace,
            TaskQueue = _options.TaskQueue,
            Wait = Duration.FromTimeSpan(_options.PollWait),
        };
        request.WorkflowTypes.AddRange(_registry.Names);
        using var call = CancellationTokenSource.CreateLinkedTokenSource(polling, registration.Forgotten);
        try
        {
            var response = await _client.PollTaskAsync(request, deadline: DateTime.UtcNow + _options.PollWait + PollGrace, cancellationToken: call.Token);
            _outage.Succeeded();
            return response.HasTask ? ClaimedRun.From(response, _options, registration) : null;
        }
        catch (RpcException exception) when (exception.StatusCode == StatusCode.NotFound)
        {
            _session.Forget(registration);
        }
        catch (Exception exception) when (registration.Forgotten.IsCancellationRequested && !polling.IsCancellationRequested
            && exception is RpcException or OperationCanceledException)
        {
            // The heartbeat found this registration gone; the next poll registers again.
        }
        catch (RpcException exception) when (!polling.IsCancellationRequested)
        {
            await Task.Delay(_outage.Failed("PollTask", exception), polling);
        }

        return null;
    }

    private void StartExecution(ClaimedRun run, CancellationToken executionsStopped)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var execution = Task.Run(async () =>
        {
            await started.Task;
            try
            {
                await _executor.ExecuteAsync(run, executionsStopped);
            }
            catch (Exception exception)
            {
                _logger.ExecutionCrashed(run.RunId, exception);
            }
            finally
            {
                _running.TryRemove(run.RunId, out _);
                _slots.Release();
            }
        }, CancellationToken.None);
        _running[run.RunId] = execution;
        started.SetResult();
    }

    /// <summary>
    /// Extends the leases of the running runs every heartbeat interval, through the drain, until the executions are
    /// done; registers again when the server forgot this worker.
    /// </summary>
    private async Task HeartbeatLoopAsync(CancellationTokenSource polling, CancellationToken stopped)
    {
        while (!stopped.IsCancellationRequested)
        {
            WorkerRegistration? registration = null;
            try
            {
                await Task.Delay(_session.Current?.HeartbeatInterval ?? TimeSpan.FromSeconds(1), stopped);
                registration = _session.Current;
                if (registration is null)
                {
                    if (!polling.IsCancellationRequested)
                    {
                        await _session.GetAsync(polling.Token);
                    }

                    continue;
                }

                var request = new HeartbeatRequest { WorkerId = registration.WorkerId };
                request.RunIds.AddRange(_running.Keys);
                var response = await _client.HeartbeatAsync(request, deadline: DateTime.UtcNow + registration.HeartbeatInterval, cancellationToken: stopped);
                _outage.Succeeded();
                if (response.ShouldDrain && !polling.IsCancellationRequested)
                {
                    _logger.DrainRequested(registration.WorkerId);
                    await polling.CancelAsync();
                }
            }
            catch (Exception exception) when (stopped.IsCancellationRequested && exception is OperationCanceledException or RpcException)
            {
                return;
            }
            catch (OperationCanceledException) when (polling.IsCancellationRequested)
            {
                // Draining while registering again: there is nothing left to register for.
            }
            catch (RpcException exception) when (exception.StatusCode == StatusCode.NotFound && registration is not null)
            {
                _session.Forget(registration);
            }
            catch (RpcException exception) when (!stopped.IsCancellationRequested)
            {
                _outage.Failed("Heartbeat", exception);
            }
        }
    }

    private async Task DrainAsync(CancellationTokenSource executionsStopped)
    {
        var running = _running.Values.ToArray();
        if (running.Length == 0)
        {
            return;
        }

        _logger.Draining(_options.DrainTimeout, running.Length);
        var all = Task.WhenAll(running);
        if (await Task.WhenAny(all, Task.Delay(_options.DrainTimeout)) != all)
        {
            _logger.DrainTimedOut(_running.Count);
            await executionsStopped.CancelAsync();
            await Task.WhenAny(all, Task.Delay(FinalWait));
        }
    }

    private static WorkflowWorkerOptions Validated(WorkflowWorkerOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxConcurrency, 1, nameof(options.MaxConcurrency));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.PollWait, TimeSpan.Zero, nameof(options.PollWait));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.DrainTimeout, TimeSpan.Zero, nameof(options.DrainTimeout));
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Namespace, nameof(options.Namespace));
        ArgumentException.ThrowIfNullOrWhiteSpace(options.TaskQueue, nameof(options.TaskQueue));
        return options;
    }
}
