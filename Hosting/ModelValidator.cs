using TraceApp.Hosting.ApplicationModel;

namespace TraceApp.Hosting;

/// <summary>Bad models fail at Build, before anything starts, with a message that names the resources involved.</summary>
public static class ModelValidator
{
    public static void Validate(IReadOnlyList<Resource> resources)
    {
        var known = resources.ToHashSet();
        foreach (var resource in resources)
        {
            foreach (var target in Dependencies(resource).Concat(resource.AnnotationsOf<ReferenceAnnotation>().Select(r => r.Target)))
            {
                if (!known.Contains(target))
                {
                    throw new InvalidOperationException(
                        $"Resource '{resource.Name}' refers to '{target.Name}', which is not part of this application model.");
                }
            }

            if (resource is ProjectResource { Replicas: > 1 } project && project.AnnotationsOf<EndpointAnnotation>().Any(e => e.Port is not null))
            {
                throw new InvalidOperationException(
                    $"Resource '{project.Name}' has {project.Replicas} replicas and a fixed port; replicas need dynamic ports.");
            }
        }

        var fixedPorts = resources
            .SelectMany(r => r.AnnotationsOf<EndpointAnnotation>().Where(e => e.Port is not null).Select(e => (Resource: r, e.Port)))
            .GroupBy(x => x.Port)
            .FirstOrDefault(g => g.Count() > 1);
        if (fixedPorts is not null)
        {
            throw new InvalidOperationException(
                $"Port {fixedPorts.Key} is used by more than one endpoint: {string.Join(", ", fixedPorts.Select(x => x.Resource.Name))}.");
        }

        ThrowOnCycle(resources);
    }

    /// <summary>What must be healthy before <paramref name="resource"/> starts: its waits and its parent.</summary>
    public static IEnumerable<Resource> Dependencies(Resource resource)
    {
        foreach (var wait in resource.AnnotationsOf<WaitAnnotation>())
        {
            yield return wait.Target;
        }

        if (resource is IResourceWithParent child)
        {
            yield return child.Parent;
        }
    }

    private static void ThrowOnCycle(IReadOnlyList<Resource> resources)
    {
        var state = new Dictionary<Resource, bool>(); // false = on the current path, true = done
        var path = new Stack<Resource>();
        foreach (var resource in resources)
        {
            Visit(resource);
        }

        void Visit(Resource resource)
        {
            if (state.TryGetValue(resource, out var done))
            {
                if (!done)
                {
                    var cycle = path.Reverse().SkipWhile(r => r != resource).Append(resource).Select(r => r.Name);
                    throw new InvalidOperationException($"WaitFor cycle: {string.Join(" -> ", cycle)}.");
                }

                return;
            }

            state[resource] = false;
            path.Push(resource);
            foreach (var dependency in Dependencies(resource))
            {
                Visit(dependency);
            }

            path.Pop();
            state[resource] = true;
        }
    }
}
