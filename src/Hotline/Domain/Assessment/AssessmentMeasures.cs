namespace Hotline.Domain.Assessment;

/// <summary>
/// The sums every formula needs, for one (order, unit) fact or for any sum of facts (a rollup row, a unit's period). Each
/// pair is a formula's numerator and denominator with the exclusions already applied (see <see cref="AssessmentFacts"/>);
/// the exclusion counts say how many (order, unit) pairs each exclusion took out. <see cref="ExcludedAppealed"/> is 0 in
/// stored facts and rollups: approved appeals are applied when a period is read (<see cref="AssessmentFacts.Appealed"/>).
/// <see cref="Registered"/> is a plain volume count: 1 on the order's own row (unit 0), 0 on the units' rows.
/// </summary>
public readonly record struct AssessmentMeasures
{
    public int Registered { get; init; }

    /// <summary>The unit held the order as lead (1 per unit row).</summary>
    public int Held { get; init; }

    /// <summary>Held and not taken out by an exclusion that applies to every figure: the orders assessed.</summary>
    public int Assessed { get; init; }

    public int OnTimeNum { get; init; }

    /// <summary>The unit's replies; the orders still open past the deadline are added live (<see cref="AssessmentFact.OpenDueUtc"/>).</summary>
    public int OnTimeDen { get; init; }

    public int SignNum { get; init; }

    public int SignDen { get; init; }

    public int ReturnNum { get; init; }

    public int ReturnDen { get; init; }

    public int LateReturnNum { get; init; }

    public int RedoNum { get; init; }

    public int RedoDen { get; init; }

    public int ExtensionNum { get; init; }

    public int ExtensionDen { get; init; }

    public int ProcessNum { get; init; }

    public int ProcessDen { get; init; }

    public int ResultNum { get; init; }

    public int ResultDen { get; init; }

    public int RepeatNum { get; init; }

    public int ResponseNum { get; init; }

    public int ResponseDen { get; init; }

    public int SolveNum { get; init; }

    public int SolveDen { get; init; }

    public int SatisfiedNum { get; init; }

    public int SatisfiedDen { get; init; }

    public int ExcludedInvalid { get; init; }

    public int ExcludedDuplicate { get; init; }

    public int ExcludedUnreasonable { get; init; }

    public int ExcludedExempt { get; init; }

    public int ExcludedAppealed { get; init; }

    // Issue 17, the service targets' figures (M0063).
    public int CompletionNum { get; init; }

    public int CompletionDen { get; init; }

    public int CallbackNum { get; init; }

    public int CallbackDen { get; init; }

    /// <summary>Every measure in one order (the order of <see cref="Names"/>): what a rollup adds and subtracts.</summary>
    public int[] ToArray() =>
    [
        Registered, Held, Assessed, OnTimeNum, OnTimeDen, SignNum, SignDen, ReturnNum, ReturnDen, LateReturnNum, RedoNum, RedoDen,
        ExtensionNum, ExtensionDen, ProcessNum, ProcessDen, ResultNum, ResultDen, RepeatNum, ResponseNum, ResponseDen, SolveNum, SolveDen,
        SatisfiedNum, SatisfiedDen, ExcludedInvalid, ExcludedDuplicate, ExcludedUnreasonable, ExcludedExempt, ExcludedAppealed,
        CompletionNum, CompletionDen, CallbackNum, CallbackDen,
    ];

    public static readonly string[] Names =
    [
        nameof(Registered), nameof(Held), nameof(Assessed), nameof(OnTimeNum), nameof(OnTimeDen), nameof(SignNum), nameof(SignDen), nameof(ReturnNum),
        nameof(ReturnDen), nameof(LateReturnNum), nameof(RedoNum), nameof(RedoDen), nameof(ExtensionNum), nameof(ExtensionDen), nameof(ProcessNum),
        nameof(ProcessDen), nameof(ResultNum), nameof(ResultDen), nameof(RepeatNum), nameof(ResponseNum), nameof(ResponseDen), nameof(SolveNum),
        nameof(SolveDen), nameof(SatisfiedNum), nameof(SatisfiedDen), nameof(ExcludedInvalid), nameof(ExcludedDuplicate), nameof(ExcludedUnreasonable),
        nameof(ExcludedExempt), nameof(ExcludedAppealed), nameof(CompletionNum), nameof(CompletionDen), nameof(CallbackNum), nameof(CallbackDen),
    ];

    public static AssessmentMeasures FromArray(IReadOnlyList<long> v) => new()
    {
        Registered = (int)v[0],
        Held = (int)v[1],
        Assessed = (int)v[2],
        OnTimeNum = (int)v[3],
        OnTimeDen = (int)v[4],
        SignNum = (int)v[5],
        SignDen = (int)v[6],
        ReturnNum = (int)v[7],
        ReturnDen = (int)v[8],
        LateReturnNum = (int)v[9],
        RedoNum = (int)v[10],
        RedoDen = (int)v[11],
        ExtensionNum = (int)v[12],
        ExtensionDen = (int)v[13],
        ProcessNum = (int)v[14],
        ProcessDen = (int)v[15],
        ResultNum = (int)v[16],
        ResultDen = (int)v[17],
        RepeatNum = (int)v[18],
        ResponseNum = (int)v[19],
        ResponseDen = (int)v[20],
        SolveNum = (int)v[21],
        SolveDen = (int)v[22],
        SatisfiedNum = (int)v[23],
        SatisfiedDen = (int)v[24],
        ExcludedInvalid = (int)v[25],
        ExcludedDuplicate = (int)v[26],
        ExcludedUnreasonable = (int)v[27],
        ExcludedExempt = (int)v[28],
        ExcludedAppealed = (int)v[29],
        CompletionNum = (int)v[30],
        CompletionDen = (int)v[31],
        CallbackNum = (int)v[32],
        CallbackDen = (int)v[33],
    };

    public static AssessmentMeasures operator +(AssessmentMeasures a, AssessmentMeasures b) => Combine(a, b, 1);

    public static AssessmentMeasures operator -(AssessmentMeasures a, AssessmentMeasures b) => Combine(a, b, -1);

    public bool IsZero => ToArray().All(v => v == 0);

    private static AssessmentMeasures Combine(AssessmentMeasures a, AssessmentMeasures b, int sign)
    {
        var x = a.ToArray();
        var y = b.ToArray();
        var sum = new long[x.Length];
        for (var i = 0; i < x.Length; i++)
        {
            sum[i] = x[i] + (sign * y[i]);
        }

        return FromArray(sum);
    }
}
