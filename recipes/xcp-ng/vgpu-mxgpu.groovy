// AMD MxGPU on XCP-ng (XCP-ng guide, Compute > vGPU > MxGPU): install AMD's supplemental pack once, reboot so the
// FirePro S7150 shows its MxGPU types (SR-IOV virtual functions), then give a VM one of them.
recipe('vgpu-mxgpu') {
    description 'AMD MxGPU pack on the host, then a FirePro S7150 4GB vGPU for the gpu-worker VM'

    supplementalPack '/tmp/mxgpu-2.0.0.amd.iso'
    reboot()

    vm('gpu-worker') {
        vgpu type: 'FirePro S7150 4GB'
        start()
    }
}
