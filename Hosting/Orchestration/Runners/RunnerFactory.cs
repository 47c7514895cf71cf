using TraceApp.Hosting.ApplicationModel;

namespace TraceApp.Hosting.Orchestration.Runners;

/// <summary>One runner per instance: a runner per replica for projects, one for everything else.</summary>
public static class RunnerFactory
{
    public static List<ResourceRunner> Create(IReadOnlyList<Resource> resources)
    {
        var runners = new List<ResourceRunner>();
        var servers = new Dictionary<PostgresServerResource, PostgresRunner>();
        foreach (var resource in resources)
        {
            switch (resource)
            {
                case ProjectResource project:
                    for (var replica = 0; replica < project.Replicas; replica++)
                    {
                        var instance = project.Replicas == 1 ? project.Name : $"{project.Name}-{replica}";
                        runners.Add(new ProjectRunner(project, instance, replica, $"{instance}-{Guid.NewGuid().ToString("N")[..8]}"));
                    }

                    break;
                case ExecutableResource executable:
                    runners.Add(new ExecutableRunner(executable));
                    break;
                case NatsServerResource nats:
                    runners.Add(new NatsRunner(nats));
                    break;
                case PostgresServerResource postgres:
                    runners.Add(servers[postgres] = new PostgresRunner(postgres));
                    break;
                case PostgresDatabaseResource:
                    break;
                default:
                    throw new NotSupportedException($"Resource type {resource.GetType().Name} has no runner.");
            }
        }

        // Databases after all servers exist, whatever the declaration order.
        runners.AddRange(resources.OfType<PostgresDatabaseResource>().Select(db => new PostgresDatabaseRunner(db, servers[db.Server])));
        return runners;
    }
}
