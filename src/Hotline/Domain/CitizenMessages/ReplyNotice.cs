namespace Hotline.Domain.CitizenMessages;

/// <summary>
/// Who is told, by SMS, that the reply to a request has been accepted (issue 18), and with which link. The link is the
/// portal's tracking page of the number the citizen knows: the submission's number for an online request, else the
/// work order's. The text carries the number and the link only: no name, no unit, no reply text.
/// <list type="bullet">
/// <item>A citizen who submitted online (app, mini-program, web, mayor's mailbox) gets the callback link: read the reply and rate online.</item>
/// <item>A phone caller who asked for a reply (<c>CitizenWantsCallback</c>) and is not anonymous gets the replied link; the callback stays on the phone.</item>
/// <item>Anyone else, or an order without a mobile phone, gets nothing.</item>
/// </list>
/// </summary>
public static class ReplyNotice
{
    public sealed record Notice(CitizenMessageKind Kind, string Text);

    public static Notice? For(string? submissionNumber, string orderNumber, string? phone, bool anonymous, bool wantsReply, string portalBaseAddress)
    {
        ArgumentNullException.ThrowIfNull(orderNumber);
        ArgumentNullException.ThrowIfNull(portalBaseAddress);
        if (string.IsNullOrWhiteSpace(phone) || !Citizens.CitizenRules.IsMobile(phone))
        {
            return null;
        }

        var number = submissionNumber ?? orderNumber;
        var link = portalBaseAddress.TrimEnd('/') + "/portal/track/" + Uri.EscapeDataString(number);
        if (submissionNumber is not null)
        {
            return new Notice(CitizenMessageKind.CallbackLink, MessageTemplates.Fill(MessageTemplates.CallbackLink, ("number", number), ("link", link)));
        }

        return anonymous || !wantsReply ? null : new Notice(CitizenMessageKind.Replied, MessageTemplates.Fill(MessageTemplates.Replied, ("number", number), ("link", link)));
    }
}
