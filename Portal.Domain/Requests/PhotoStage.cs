namespace Portal.Domain.Requests;

/// <summary>Whether a photo shows the fault or the finished work (维修前 / 维修后).</summary>
public enum PhotoStage
{
    Before,
    After,
}
