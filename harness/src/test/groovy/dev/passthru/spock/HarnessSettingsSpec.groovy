package dev.passthru.spock

import spock.lang.Specification

/** The run-wide switches: system properties first, else the environment (PASSTHRU_TAPE_MODE, PASSTHRU_HOST, ...). */
class HarnessSettingsSpec extends Specification {
    def "the tape mode comes from -Dpassthru.tape.mode, else PASSTHRU_TAPE_MODE, else each annotation's"() {
        expect:
        HarnessSettings.of(props(prop), env).modeOverride == expected

        where:
        prop                             | env                                | expected
        ['passthru.tape.mode': 'record'] | [:]                                | TapeMode.RECORD
        [:]                              | [PASSTHRU_TAPE_MODE: 'all']        | TapeMode.ALL
        [:]                              | [PASSTHRU_TAPE_MODE: 'Once']       | TapeMode.ONCE
        ['passthru.tape.mode': 'replay'] | [PASSTHRU_TAPE_MODE: 'all']        | TapeMode.REPLAY
        [:]                              | [:]                                | null
        [:]                              | [PASSTHRU_TAPE_MODE: '  ']         | null
    }

    def "the live host and how to reach it come from properties or the environment"() {
        when:
        def s = HarnessSettings.of(props([:]), [PASSTHRU_HOST: 'root@xcp01', PASSTHRU_IDENTITY: '/k/id',
                PASSTHRU_KNOWN_HOSTS: '/k/known', PASSTHRU_ACCEPT_NEW_HOST_KEY: 'true', PASSTHRU_PASSWORD: 'pw'])

        then:
        s.host == 'root@xcp01'
        s.identity == new File('/k/id')
        s.knownHosts == new File('/k/known')
        s.acceptNewHostKey
        s.secrets() == ['pw']
    }

    def "no host given: none, strict host keys, nothing secret"() {
        when:
        def s = HarnessSettings.of(props([:]), [:])

        then:
        s.host == null
        !s.acceptNewHostKey
        s.secrets() == []
    }

    def "an unknown mode word is refused, naming the modes"() {
        when:
        HarnessSettings.of(props([:]), [PASSTHRU_TAPE_MODE: 'new_episodes'])

        then:
        IllegalArgumentException e = thrown()
        e.message == "passthru.tape.mode 'new_episodes': give one of replay, record, once, all"
    }

    static Properties props(Map<String, String> m) {
        Properties p = new Properties()
        m.each { k, v -> p.setProperty(k, v) }
        p
    }
}
