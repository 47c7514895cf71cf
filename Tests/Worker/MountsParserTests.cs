using TraceApp.Worker.Operations;

namespace TraceApp.Tests.Worker;

public sealed class MountsParserTests
{
    [Fact]
    public void Data_filesystems_leave_out_the_kernels_virtual_ones()
    {
        var filesystems = MountsParser.DataFilesystems(MountsParser.Parse(NodeSamples.Mounts));

        Assert.Equal(
            [
                new MountEntry("/dev/vda1", "/", "ext4"),
                new MountEntry("/dev/vdb1", "/srv/my data", "xfs"),
                new MountEntry("overlay", "/var/lib/containers/overlay", "overlay"),
            ],
            filesystems);
    }

    [Fact]
    public void The_last_mount_over_a_point_is_the_visible_one()
    {
        var mounts = MountsParser.Parse("/dev/vda1 /data ext4 rw 0 0\ntmpfs /data tmpfs rw 0 0\n/dev/vdc /srv btrfs rw 0 0\n");

        Assert.Equal([new MountEntry("/dev/vdc", "/srv", "btrfs")], MountsParser.DataFilesystems(mounts));
    }

    [Fact]
    public void Octal_escapes_in_paths_are_decoded()
    {
        var mount = Assert.Single(MountsParser.Parse("/dev/sda1 /media/a\\011b\\134c ext4 rw 0 0"));

        Assert.Equal("/media/a\tb\\c", mount.MountPoint);
    }

    [Fact]
    public void A_line_without_a_type_gives_its_number()
    {
        var error = Assert.Throws<NodeFileFormatException>(() => MountsParser.Parse("proc /proc proc rw 0 0\n/dev/vda1 /\n"));

        Assert.Equal("/proc/mounts line 2: expected device, mount point and type, found 2 fields.", error.Message);
    }
}
