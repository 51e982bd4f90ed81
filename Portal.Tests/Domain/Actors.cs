using Portal.Domain.Common;

namespace Portal.Tests.Domain;

/// <summary>The people the domain tests act as.</summary>
public static class Actors
{
    public static readonly Actor Resident = new("resident-wang", "Wang Fang", ActorRole.Resident);
    public static readonly Actor OtherResident = new("resident-li", "Li Lei", ActorRole.Resident);
    public static readonly Actor Desk = new("desk-zhao", "Zhao Min", ActorRole.FrontDesk);
    public static readonly Actor Technician = new("tech-chen", "Chen Gang", ActorRole.Technician);
}
