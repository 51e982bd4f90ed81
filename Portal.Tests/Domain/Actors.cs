using Portal.Domain.Common;
using Portal.Domain.Requests;

namespace Portal.Tests.Domain;

/// <summary>The people the domain tests act as.</summary>
public static class Actors
{
    public static readonly Actor Resident = new("resident-wang", "Wang Fang", ActorRole.Resident);
    public static readonly Actor OtherResident = new("resident-li", "Li Lei", ActorRole.Resident);
    public static readonly Actor Desk = new("desk-zhao", "Zhao Min", ActorRole.FrontDesk);
    public static readonly Actor Technician = new("tech-chen", "Chen Gang", ActorRole.Technician);
    public static readonly Actor OtherTechnician = new("tech-sun", "Sun Qiang", ActorRole.Technician);
    public static readonly Actor Supervisor = new("sup-liu", "Liu Yan", ActorRole.Supervisor);
    public static readonly Actor Butler = new("butler-zhou", "Zhou Hua", ActorRole.Butler);
    public static readonly Actor Admin = new("admin-he", "He Jing", ActorRole.Admin);

    /// <summary>The work order as the desk writes it out to <see cref="Technician"/>.</summary>
    public static Assignee TechnicianAssignee => Assignee.Technician(Technician.UserId, Technician.DisplayName);

    public static Assignee OtherTechnicianAssignee => Assignee.Technician(OtherTechnician.UserId, OtherTechnician.DisplayName);
}
