namespace TraceApp.Hosting.ApplicationModel;

/// <summary>Something the host runs: a server, a project or an executable. Behaviour is added by annotations.</summary>
public abstract class Resource(string name)
{
    public string Name { get; } = name;

    public List<IResourceAnnotation> Annotations { get; } = [];

    public IEnumerable<T> AnnotationsOf<T>() where T : IResourceAnnotation => Annotations.OfType<T>();

    public override string ToString() => Name;
}

/// <summary>Marks a piece of configuration attached to a resource.</summary>
public interface IResourceAnnotation;

/// <summary>A resource other resources reach through <c>ConnectionStrings__&lt;name&gt;</c>.</summary>
public interface IResourceWithConnectionString
{
    string Name { get; }

    /// <summary>The connection string once ports are allocated.</summary>
    string GetConnectionString(AllocatedEndpoints endpoints);
}

/// <summary>A resource whose lifetime belongs to another (a database inside a server).</summary>
public interface IResourceWithParent
{
    Resource Parent { get; }
}
