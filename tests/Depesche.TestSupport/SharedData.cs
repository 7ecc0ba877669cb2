using Xunit;

namespace Depesche.Tests;

/// <summary>
/// Finds <c>../shared</c> (the project's read-only data beside the repository). Tests that need it use
/// <see cref="SharedDataFactAttribute"/>: they skip visibly when it is absent, and never skip when
/// <c>DEPESCHE_REQUIRE_SHARED=1</c> (CI sets it whenever the folder exists, so a skip there is a failure).
/// </summary>
public static class SharedData
{
    private static readonly Lazy<string?> s_root = new(Locate);

    /// <summary>The shared folder, or null when absent.</summary>
    public static string? Root => s_root.Value;

    public static bool Available => Root is not null;

    public static bool Required => Environment.GetEnvironmentVariable("DEPESCHE_REQUIRE_SHARED") == "1";

    /// <summary>A path under the shared folder; throws (failing the test) when the folder is absent.</summary>
    public static string Path(params string[] parts)
    {
        string root = Root ?? throw new InvalidOperationException("../shared is required for this test (DEPESCHE_REQUIRE_SHARED=1) but was not found; set DEPESCHE_SHARED to its path.");
        return System.IO.Path.Combine([root, .. parts]);
    }

    public static string SeedText => File.ReadAllText(Path("seed", "nato-2022-02.txt"));

    private static string? Locate()
    {
        string? env = Environment.GetEnvironmentVariable("DEPESCHE_SHARED");
        if (!string.IsNullOrEmpty(env))
        {
            return Directory.Exists(env) ? System.IO.Path.GetFullPath(env) : null;
        }
        string? repo = RepositoryRoot;
        if (repo is null)
        {
            return null;
        }
        string candidate = System.IO.Path.GetFullPath(System.IO.Path.Combine(repo, "..", "shared"));
        return Directory.Exists(System.IO.Path.Combine(candidate, "seed")) ? candidate : null;
    }

    /// <summary>The repository root: the nearest folder above the test binaries that holds Depesche.sln.</summary>
    public static string? RepositoryRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null)
            {
                if (File.Exists(System.IO.Path.Combine(dir.FullName, "Depesche.sln")))
                {
                    return dir.FullName;
                }
                dir = dir.Parent;
            }
            return null;
        }
    }
}

/// <summary>A fact that needs <c>../shared</c>: skipped, visibly, when it is absent and not required.</summary>
public sealed class SharedDataFactAttribute : FactAttribute
{
    public SharedDataFactAttribute()
    {
        if (!SharedData.Available && !SharedData.Required)
        {
            Skip = "needs ../shared (not present here); CI runs it with DEPESCHE_REQUIRE_SHARED=1";
        }
    }
}

/// <summary>A theory that needs <c>../shared</c>; see <see cref="SharedDataFactAttribute"/>.</summary>
public sealed class SharedDataTheoryAttribute : TheoryAttribute
{
    public SharedDataTheoryAttribute()
    {
        if (!SharedData.Available && !SharedData.Required)
        {
            Skip = "needs ../shared (not present here); CI runs it with DEPESCHE_REQUIRE_SHARED=1";
        }
    }
}
