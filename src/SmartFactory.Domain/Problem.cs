namespace SmartFactory.Domain;

/// <summary>Something wrong with input or data: where it is, and what is wrong, in Chinese.</summary>
public sealed record Problem(string Place, string Message)
{
    public override string ToString() => string.IsNullOrEmpty(Place) ? Message : $"{Place}：{Message}";
}

/// <summary>A value that passed validation, or the problems that stopped it.</summary>
public sealed record Checked<T>(T? Value, IReadOnlyList<Problem> Problems) where T : class
{
    public bool IsValid => Value is not null && Problems.Count == 0;

    public static Checked<T> Valid(T value) => new(value, []);

    public static Checked<T> Invalid(IReadOnlyList<Problem> problems) => new(null, problems);
}
