package dev.passthru.spec.xcpng.usb

import dev.passthru.dsl.UsbId
import dev.passthru.runtime.demo.DemoUsb
import dev.passthru.runtime.engine.OutputFormatException
import dev.passthru.runtime.xcpng.usb.UsbPolicyFile
import dev.passthru.runtime.xcpng.usb.UsbRule
import spock.lang.Specification

/**
 * /etc/xensource/usb-policy.conf read as usb_scan.py reads it, checked as it checks devices, and edited: ALLOW rules
 * ahead of the DENY rules, other lines in order, idempotent, a malformed file refused. Lines from xen-api
 * (e2ee48d6) scripts/usb-policy.conf and python3/tests/test_usb_scan.py.
 */
class UsbPolicyFileSpec extends Specification {
    /** xen-api scripts/usb-policy.conf, as shipped (the demo keeps it verbatim). */
    static final String SHIPPED = DemoUsb.DEFAULT_POLICY
    static final UsbId KEYBOARD = new UsbId('046d', 'c31c')

    def "usb_scan.py reads '#line': #rule"() {
        expect:
        UsbPolicyFile.problem(line) == null
        UsbPolicyFile.rules(line).collect { UsbRule r -> [r.allow, r.matches] } == rule

        where: 'lines of the shipped file and of test_usb_scan.py'
        line                                                    || rule
        'DENY: vid=17e9 # All DisplayLink USB displays'         || [[false, [vid: '17e9']]]
        'ALLOW:vid=056a pid=0315 class=03 # Wacom Intuos tablet' || [[true, [vid: '056a', pid: '0315', 'class': '03']]]
        'DENY: class=03 subclass=01 prot=01 # HID Boot keyboards' || [[false, ['class': '03', subclass: '01', prot: '01']]]
        'ALLOW: # Otherwise allow everything else'              || [[true, [:]]]
        '# Rules are ordered so that the first matching rule will override' || []
        ''                                                      || []
        'ALLOW:vid=056a pid=0314 class=03  # Wacom Intuos tablet' || [[true, [vid: '056a', pid: '0314', 'class': '03']]]
    }

    def "usb_scan.py refuses '#line': #message"() {
        expect:
        UsbPolicyFile.problem(line) == message

        when:
        UsbPolicyFile.rules("# first\n${line}\n")

        then:
        OutputFormatException e = thrown()
        e.message == "/etc/xensource/usb-policy.conf line 2: ${message}"

        where: 'the malformed lines of xen-api python3/tests/test_usb_scan.py (test_usb_config_error_*)'
        line                                                         || message
        'ALLOW:vid=056a vid=0314 class=03 # Wacom Intuos tablet'     || "duplicated tag'vid' found, malformed line ALLOW:vid=056a vid=0314 class=03 "
        'ALLOW:vid=056a psid=0314 class=03 # Wacom Intuos tablet'    || "Malformed policy rule, unable to parse ' psid=0314', malformed line: ALLOW:vid=056a psid=0314 class=03 "
        'ALLOW:vid=056a pid=031 class=03 # Wacom Intuos tablet'      || "hex'031' length error, malformed line ALLOW:vid=056a pid=031 class=03 "
        'DENY:vid=056a pid=0314 class=035 # Wacom Intuos tablet'     || "hex'035' length error, malformed line DENY:vid=056a pid=0314 class=035 "
        'ALLOWED:vid=056a pid=0314 class=03 # Wacom Intuos tablet'   || "Malformed action'ALLOWED', malformed line: ALLOWED:vid=056a pid=0314 class=03 "
        'ALLOW:vid=056a pid=0314 class=03 kk # Wacom Intuos tablet'  || "Malformed policy rule, unable to parse ' kk', malformed line: ALLOW:vid=056a pid=0314 class=03 kk "
        'ii ALLOW:vid=056a pid=0314 class=03  # Wacom Intuos tablet' || "Malformed action'ii ALLOW', malformed line: ii ALLOW:vid=056a pid=0314 class=03  "
        'ALLOW:vid=056a pid=0314 jj class=03  # Wacom Intuos tablet' || "Malformed policy rule, unable to parse ' jj', malformed line: ALLOW:vid=056a pid=0314 jj class=03  "
        'aa'                                                         || 'Caught error not enough values to unpack (expected 2, got 1), malformed line: aa'
        'ALLOW # Otherwise allow everything else'                    || 'Caught error not enough values to unpack (expected 2, got 1), malformed line: ALLOW '
    }

    def "the shipped policy denies a boot keyboard by its HID rule and allows a mass-storage stick"() {
        given:
        List<UsbRule> rules = UsbPolicyFile.rules(SHIPPED)

        expect:
        UsbPolicyFile.denying(rules, [vid: '046d', pid: 'c31c', rel: '6400'],
                [[class: '03', subclass: '01', prot: '01'], [class: '03', subclass: '00', prot: '00']]).text ==
                'DENY: class=03 subclass=01 prot=01 # HID Boot keyboards'
        UsbPolicyFile.denying(rules, [vid: '0781', pid: '5591', rel: '0100'],
                [[class: '08', subclass: '06', prot: '50']]) == null
        UsbPolicyFile.denying(UsbPolicyFile.rules('DENY: class=02\n'), [vid: '0781', pid: '5591', rel: '0100'],
                [[class: '08', subclass: '06', prot: '50']]).line == 0
    }

    def "allowing puts the rule before every DENY, keeps the other lines in order, and a second edit changes nothing"() {
        when:
        String edited = UsbPolicyFile.withAllowed(SHIPPED, [KEYBOARD])
        List<String> before = SHIPPED.readLines()
        List<String> after = edited.readLines()

        then:
        after.size() == before.size() + 1
        after.indexOf('ALLOW:vid=046d pid=c31c # passthru usbPolicy') ==
                before.indexOf('DENY: vid=17e9 # All DisplayLink USB displays')
        after - ['ALLOW:vid=046d pid=c31c # passthru usbPolicy'] == before
        UsbPolicyFile.denying(UsbPolicyFile.rules(edited), [vid: '046d', pid: 'c31c', rel: '6400'],
                [[class: '03', subclass: '01', prot: '01']]) == null
        UsbPolicyFile.withAllowed(edited, [KEYBOARD]).is(edited)
    }

    def "an ALLOW for the device that comes after a DENY moves up; one already ahead stays where it is"() {
        given:
        String late = "DENY: class=03\nALLOW:vid=046d pid=c31c # mine\nALLOW:\n"
        String early = "# keyboards\nALLOW: vid=046d pid=c31c\nDENY: class=03\nALLOW:\n"

        expect:
        UsbPolicyFile.withAllowed(late, [KEYBOARD]) ==
                "ALLOW:vid=046d pid=c31c # passthru usbPolicy\nDENY: class=03\nALLOW:\n"
        UsbPolicyFile.withAllowed(early, [KEYBOARD]) == early
    }

    def "a file usb_scan.py would refuse is not edited"() {
        when:
        UsbPolicyFile.withAllowed("DENY: class=03 kk\nALLOW:\n", [KEYBOARD])

        then:
        OutputFormatException e = thrown()
        e.message == "/etc/xensource/usb-policy.conf line 1: Malformed policy rule, unable to parse ' kk', " +
                'malformed line: DENY: class=03 kk\n'.trim()
    }
}
