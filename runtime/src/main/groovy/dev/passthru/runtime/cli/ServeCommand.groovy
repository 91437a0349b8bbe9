package dev.passthru.runtime.cli

import dev.passthru.runtime.demo.DemoHgx
import dev.passthru.runtime.demo.DemoKvmHost
import dev.passthru.runtime.demo.DemoXcpngHost
import dev.passthru.runtime.serve.DemoSshServer
import dev.passthru.runtime.transport.Transport
import dev.passthru.runtime.twin.TwinFile
import groovy.transform.CompileStatic
import picocli.CommandLine.Command
import picocli.CommandLine.Option
import picocli.CommandLine.Parameters
import picocli.CommandLine.ParentCommand

import java.util.concurrent.Callable
import java.util.concurrent.CountDownLatch

/**
 * Serves a demo host over real SSH on 127.0.0.1, so recipes (and any SSH client) can be tried against it as against a
 * real host.
 */
@CompileStatic
@Command(name = 'serve', mixinStandardHelpOptions = true, description = 'Serve a demo host over SSH on 127.0.0.1 ' +
        'until interrupted; it keeps its state between connections, and reboots when told to.')
class ServeCommand implements Callable<Integer>, Validated {
    @ParentCommand
    Main main

    @Parameters(index = '0', paramLabel = 'demo|demo-kvm|demo-hgx|twin:FILE', description = 'Which simulated host to serve: ' +
            'a built-in demo or a twin file.')
    String which

    @Option(names = '--port', paramLabel = 'N', description = 'Port on 127.0.0.1 (default ${DEFAULT-VALUE}; 0 picks ' +
            'a free one).')
    int port = 2222

    @Option(names = '--authorized-keys', required = true, paramLabel = 'FILE',
            description = 'Public keys allowed to log in (OpenSSH authorized_keys format).')
    File authorizedKeys

    @Option(names = '--host-key', paramLabel = 'FILE', description = 'Where the server keeps its host key (created ' +
            'if missing; default ~/.passthru/serve_host_key).')
    File hostKey

    /** Refuses a port outside 0..65535 before anything starts. */
    void validate() { OptionChecks.within(port, 0, 65535, '--port') }

    Integer call() {
        if (!(which in ['demo', HostOptions.DEMO_KVM, HostOptions.DEMO_HGX]) && !TwinFile.names(which)) {
            throw new UsageError("serve: '${which}' is not demo, demo-kvm, demo-hgx or twin:FILE")
        }
        if (!authorizedKeys.isFile()) throw new UsageError("--authorized-keys ${authorizedKeys}: no such file")
        File key = hostKey ?: new File((main.env.PASSTHRU_HOME ?: System.getProperty('user.home') +
                '/.passthru') as String, 'serve_host_key')
        key.absoluteFile.parentFile.mkdirs()
        Transport host = TwinFile.names(which) ? Hosts.twin(which) : which == 'demo' ? new DemoXcpngHost() :
                which == HostOptions.DEMO_HGX ? DemoHgx.host() : new DemoKvmHost()
        DemoSshServer server = new DemoSshServer(host, key.toPath(), authorizedKeys.toPath(), port).start()
        main.out.println("serving ${host.label()} on 127.0.0.1:${server.port} (Ctrl-C stops it)")
        main.out.println("known_hosts line: ${server.knownHostsLine().trim()}")
        main.out.println("try: passthru plan RECIPE --host " +
                "${System.getProperty('user.name')}@127.0.0.1:${server.port} --accept-new-host-key")
        main.interruption.enter()
        try {
            new CountDownLatch(1).await()
        } catch (InterruptedException ignored) {
            main.out.println('stopped')
        } finally {
            main.interruption.leave()
            server.close()
        }
        0
    }
}
