namespace Hotline.Domain;

/// <summary>
/// The declared size of every kind of text the platform takes (issue 13, defect 2). A request field names one of these
/// with <c>[MaxLength(Limits.…)]</c> (the request check answers 400 naming the field, the OpenAPI document shows it as
/// <c>maxLength</c>), and the column that stores it is mapped with the same constant (<c>HasMaxLength</c>: varchar(n) on
/// PostgreSQL, and the check before every save refuses more on both databases). Sizes are in UTF-16 characters.
/// </summary>
public static class Limits
{
    /// <summary>A category code (two digits per level, up to six levels) or an administrative region code (6, 9 or 12 digits).</summary>
    public const int Code = 12;

    /// <summary>A unit's code ("AL-DC-ZJ").</summary>
    public const int UnitCode = 32;

    /// <summary>A person's name, a holiday's name, a category's name.</summary>
    public const int Name = 50;

    /// <summary>A unit's name or a name copied beside an id for display.</summary>
    public const int LongName = 100;

    /// <summary>An account's sign-in name.</summary>
    public const int UserName = 64;

    /// <summary>A password as typed (the stored hash is longer and not typed).</summary>
    public const int Password = 128;

    /// <summary>A telephone number as typed, with separators.</summary>
    public const int Phone = 30;

    /// <summary>An e-mail address (RFC 5321's path limit).</summary>
    public const int Email = 254;

    /// <summary>A subject, a title, an address, a file name, a short note on a catalogue entry.</summary>
    public const int ShortText = 200;

    /// <summary>A reason, a note or a comment given with an action, a calendar's source (the knowledge base's notes were 500 already).</summary>
    public const int Reason = 500;

    /// <summary>An order's demand or suggested handling, search-sized free text.</summary>
    public const int MediumText = 2000;

    /// <summary>A reference into another system (the provincial platform's order number).</summary>
    public const int Reference = 64;

    /// <summary>Where an attachment is stored (a key of the file store or the call-recording system).</summary>
    public const int StorageKey = 300;

    /// <summary>Free text that is the substance of a record: an order's events, a reply's result, an answer, a progress report, a reminder.</summary>
    public const int LongText = 4000;

    /// <summary>A knowledge article's body: long by nature, still finite.</summary>
    public const int ArticleBody = 20_000;

    /// <summary>Search text in a query string or a body (the query parser reads no more).</summary>
    public const int SearchText = 2000;

    /// <summary>Any other value in a query string or a path (a status or a comma list of them, a page number, a date).</summary>
    public const int QueryValue = 200;

    /// <summary>One string inside a list of strings (a keyword, a region code) unless its field says less.</summary>
    public const int ListItem = 100;

    /// <summary>The entries of a list in a request body (co-units, attachments, liaisons, roles, keywords, calendar days).</summary>
    public const int Items = 100;

    /// <summary>The attachments of one work order.</summary>
    public const int Attachments = 20;

    /// <summary>A calendar year's days: every day of a year at most.</summary>
    public const int CalendarDays = 366;

    /// <summary>
    /// A named thing stored on a work order (issue 19: a compound, company, school, road …) and the list's <c>entity</c>
    /// filter; a longer name found in a text is not stored.
    /// </summary>
    public const int EntityName = 50;

    /// <summary>A JSON text column the server writes itself (an event's details, a list of ids).</summary>
    public const int JsonText = 16_000;

    /// <summary>A category's synonyms as stored: a comma list of at most 20 words of at most 20 characters (issue 14).</summary>
    public const int Synonyms = 500;
}
