package com.example.racks

import dev.passthru.spock.HostRun
import dev.passthru.spock.Recipe
import dev.passthru.spock.Tape
import spock.lang.Specification

/** A recipe that fails on its host, and the spec that pins down how: the GPU's IOMMU group is not viable. */
@Recipe('recipes/gpu-without-audio.groovy')
@Tape('recipes/tapes/gpu-without-audio.fresh.yaml')
class GpuWithoutAudioSpec extends Specification {

    def "the verify step fails naming the audio function that shares the GPU's IOMMU group"(HostRun run) {
        expect: 'the run failed at the verify step, after the reboot'
        run.result.failed
        run.rebooted
        run.step('verify assignable 0000:06:00.0').failed
        run.step('verify assignable 0000:06:00.0').message.contains(
                'IOMMU group 1 of 0000:06:00.0 is not viable: it also holds 0000:06:00.1')
        run.step('verify assignable 0000:06:00.0').message.contains('(driver snd_hda_intel)')

        and: 'nothing after it ran'
        run.step("attach 0000:06:00.0 to VM 'win10'").status == 'skipped'
    }
}
