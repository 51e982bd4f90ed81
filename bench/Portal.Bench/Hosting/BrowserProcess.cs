using System.Diagnostics;

namespace Portal.Bench.Hosting;

/// <summary>
/// The bench's end of <see cref="BrowserDriver"/>: starts this same program as a child process
/// (<c>browser-driver</c>), sends it one command at a time and waits for its answer. The child's
/// stderr and any stray stdout go to this process's stderr.
/// </summary>
public sealed class BrowserProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Queue<TaskCompletionSource<string>> _waiting = new();
    private readonly object _gate = new();

    private BrowserProcess(Process process) => _process = process;

    /// <summary>The driver's process id: the root of the tree holding Playwright's Node driver and Chromium.</summary>
    public int ProcessId => _process.Id;

    public static async Task<BrowserProcess> StartAsync(Uri app, IEnumerable<string> chromiumArgs, TimeSpan timeout, CancellationToken ct)
    {
        var start = SelfProcess.StartInfo([BrowserDriver.Command, app.ToString(), .. chromiumArgs]);
        start.RedirectStandardInput = true;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        var process = Process.Start(start) ?? throw new InvalidOperationException("The browser driver did not start.");
        var driver = new BrowserProcess(process);
        process.OutputDataReceived += (_, e) => driver.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                Console.Error.WriteLine($"[browser] {e.Data}");
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var ready = await driver.NextAnswerAsync(timeout, ct);
            return ready == "ready" ? driver : throw new InvalidOperationException($"Browser driver: {ready}");
        }
        catch
        {
            await driver.DisposeAsync();
            throw;
        }
    }

    /// <summary>Sends one command and returns the text after "ok"; an "error" answer throws.</summary>
    public async Task<string> SendAsync(string command, TimeSpan timeout, CancellationToken ct)
    {
        var answer = NextAnswerAsync(timeout, ct);
        await _process.StandardInput.WriteLineAsync(command);
        await _process.StandardInput.FlushAsync(ct);
        var text = await answer;
        return text.StartsWith("ok", StringComparison.Ordinal)
            ? text[2..].Trim()
            : throw new InvalidOperationException($"Browser driver, '{command}': {text}");
    }

    private Task<string> NextAnswerAsync(TimeSpan timeout, CancellationToken ct)
    {
        var answer = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            _waiting.Enqueue(answer);
        }

        return answer.Task.WaitAsync(timeout, ct);
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            lock (_gate)
            {
                while (_waiting.TryDequeue(out var waiting))
                {
                    waiting.TrySetResult("error the browser driver exited");
                }
            }

            return;
        }

        if (!line.StartsWith(BrowserDriver.Reply, StringComparison.Ordinal))
        {
            Console.Error.WriteLine($"[browser] {line}");
            return;
        }

        lock (_gate)
        {
            if (_waiting.TryDequeue(out var waiting))
            {
                waiting.TrySetResult(line[BrowserDriver.Reply.Length..]);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                await _process.StandardInput.WriteLineAsync("quit");
                await _process.StandardInput.FlushAsync();
                _process.StandardInput.Close();
                using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                await _process.WaitForExitAsync(wait.Token);
            }
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or InvalidOperationException)
        {
            // Not answering: killed below.
        }

        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
