namespace Hotline.Infrastructure.Jobs;

/// <summary>
/// The PostgreSQL advisory lock key of every job that one server node runs at a time. The values are the ones each job
/// used before they were gathered here: an old node and a new one in a rolling upgrade must still exclude each other.
/// </summary>
public enum JobLock : long
{
    /// <summary>Alert lights and automatic reminders: two nodes would issue the same reminder twice.</summary>
    AlertLights = 0x12345_0001,

    /// <summary>Router training: two nodes would store two versions of a model from the same orders.</summary>
    RouterTraining = 0x12345_0601,

    /// <summary>Routing outcomes: the recorder's stored cursor has one writer.</summary>
    RoutingOutcomes = 0x12345_0602,

    /// <summary>Hot spots: two nodes would raise the same early warning twice.</summary>
    HotSpots = 0x12345_0603,

    /// <summary>Knowledge expiry: an owner is warned once per article and expiry date.</summary>
    KnowledgeExpiry = 0x4B4E4F57_45585052,

    /// <summary>Search reindex: the queue's progress has one writer, and a batch is indexed once.</summary>
    SearchReindex = 0x5345_4152_4348_4958,

    /// <summary>Workbench notifications: the follower's stored cursor has one writer.</summary>
    Notifications = 0x12345_0701,

    /// <summary>Notification escalation: a level is told once.</summary>
    NotificationEscalation = 0x12345_0702,

    // Issue 15, intake (S3): messages to citizens.

    /// <summary>The citizen-message follower: its stored cursor has one writer, and a message is put in the outbox once.</summary>
    CitizenMessageFollower = 0x12345_1501,

    /// <summary>The citizen-message sender: a message is sent once.</summary>
    CitizenMessageSender = 0x12345_1502,

    // Issue 16, supervision notices (S8).

    /// <summary>The notices' lights: two nodes would issue the same automatic reminder twice.</summary>
    NoticeLights = 0x12345_1601,
    // Issue 16, supervision proposals.

    /// <summary>The supervision proposal job: a subject is proposed once per trigger.</summary>
    SupervisionProposals = 0x12345_1602,
    // Issue 16, correction and accountability.

    /// <summary>The parent units' monthly circulars: a circular is made once per unit and period.</summary>
    SupervisionCirculars = 0x12345_1658,

    // Issue 17, assessment.

    /// <summary>The assessment facts' follower: its stored cursor and the rollups have one writer.</summary>
    AssessmentFacts = 0x12345_1701,

    // Issue 17, rankings and the interview list.

    /// <summary>The interview-list proposals: a unit is proposed once per month and reason, and a month's ranking stored once.</summary>
    AssessmentInterviews = 0x12345_1702,

    // Issue 18, attachments.

    /// <summary>The orphan-upload sweep: an upload's row and files are removed once.</summary>
    OrphanUploads = 0x12345_1801,

    // Issue 18, the citizens' own channels.

    /// <summary>The sweep of expired one-time codes: one deleter.</summary>
    CitizenCodes = 0x12345_1802,

    // Issue 18, online customer service.

    /// <summary>The sweep that closes idle conversations: each is closed once, with its reason.</summary>
    ChatIdle = 0x12345_1803,

    // Issue 19, the orders' stored entities.

    /// <summary>Reading every order's entities again: the recorded reading and its progress have one writer.</summary>
    EntityReread = 0x12345_1901,
}
