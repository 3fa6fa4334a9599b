"""Step 1 of 2: the OpenAPI v3 schemas (components/schemas, as kube-apiserver v1.32 serves them)
from the v1.32.0 definitions, plus the enum lists and 'Possible enum values' texts that those
v2-derived definitions lack (copied from upstream +enum types; see ENUMS).

  pip download --no-deps kubernetes-validate==1.32.0   # unzip it into WORK/kv
  python3 build.py WORK        # writes WORK/schemas.json
  python3 gen.py WORK .        # step 2: writes docs*.txt here
  python3 server.py WORK &     # a fake API server serving WORK/schemas.json to the real kubectl:
  ./compare.sh 'pv.spec' ...   # real kubectl explain vs kube-sim, byte for byte
"""
import json, os, sys
WORK=sys.argv[1] if len(sys.argv)>1 else '/tmp/explain-work'
HERE=os.path.dirname(os.path.abspath(__file__))
SRC=WORK+'/kv/kubernetes_validate/kubernetes-json-schema/v1.32.0-local/_definitions.json'
D=json.load(open(SRC))['$defs']
C='io.k8s.api.core.v1.'
# The v2-derived definitions drop Quantity's description; this is the v1.32 text.
QUANTITY_DESC=json.load(open(HERE+'/quantity.json'))
INTORSTR_DESC='IntOrString is a type that can hold an int32 or a string.  When used in JSON or YAML marshalling and unmarshalling, it produces or consumes the inner type.  This allows you to have, for example, a JSON field that can accept a name or number.'
def E(*pairs): return list(pairs)
RECLAIM=E(('Delete','means the volume will be deleted from Kubernetes on release from its claim. The volume plugin must support Deletion.'),('Recycle','means the volume will be recycled back into the pool of unbound persistent volumes on release from its claim. The volume plugin must support Recycling.'),('Retain','means the volume will be left in its current phase (Released) for manual reclamation by the administrator. The default policy is Retain.'))
VMODE=E(('Block','means the volume will not be formatted with a filesystem and will remain a raw block device.'),('Filesystem','means the volume will be or is formatted with a filesystem.'))
PVPHASE=E(('Available','used for PersistentVolumes that are not yet bound Available volumes are held by the binder and matched to PersistentVolumeClaims'),('Bound','used for PersistentVolumes that are bound'),('Failed','used for PersistentVolumes that failed to be correctly recycled or deleted after being released from a claim'),('Pending','used for PersistentVolumes that are not available'),('Released','used for PersistentVolumes where the bound PersistentVolumeClaim was deleted released volumes must be recycled before becoming available again this phase is used by the persistent volume claim binder to signal to another process to reclaim the resource'))
PVCPHASE=E(('Bound','used for PersistentVolumeClaims that are bound'),('Lost','used for PersistentVolumeClaims that lost their underlying PersistentVolume. The claim was bound to a PersistentVolume and this volume does not exist any longer and all data on it was lost.'),('Pending','used for PersistentVolumeClaims that are not yet bound'))
HOSTPATH=E(('','For backwards compatible, leave it empty if unset'),('BlockDevice','A block device must exist at the given path'),('CharDevice','A character device must exist at the given path'),('Directory','A directory must exist at the given path'),('DirectoryOrCreate','If nothing exists at the given path, an empty directory will be created there as needed with file mode 0755, having the same group and ownership with Kubelet.'),('File','A file must exist at the given path'),('FileOrCreate','If nothing exists at the given path, an empty file will be created there as needed with file mode 0644, having the same group and ownership with Kubelet.'),('Socket','A UNIX socket must exist at the given path'))
NODEOP=E(('DoesNotExist',''),('Exists',''),('Gt',''),('In',''),('Lt',''),('NotIn',''))
CACHING=E(('None',''),('ReadOnly',''),('ReadWrite',''))
DISKKIND=E(('Dedicated',''),('Managed',''),('Shared',''))
PULL=E(('Always','means that kubelet always attempts to pull the latest image. Container will fail If the pull fails.'),('IfNotPresent',"means that kubelet pulls if the image isn't present on disk. Container will fail if the image isn't present and the pull fails."),('Never',"means that kubelet never pulls an image, but only uses a local image. Container will fail if the image isn't present"))
TMP=E(('FallbackToLogsOnError','will read the most recent contents of the container logs for the container status message when the container exits with an error and the terminationMessagePath has no contents.'),('File',"is the default behavior and will set the container status message to the contents of the container's terminationMessagePath when the container exits."))
PROP=E(('Bidirectional','means that the volume in a container will receive new mounts from the host or other containers, and its own mounts will be propagated from the container to the host or other containers. Note that this mode is recursively applied to all mounts in the volume ("rshared" in Linux terminology).'),('HostToContainer','means that the volume in a container will receive new mounts from the host or other containers, but filesystems mounted inside the container won\'t be propagated to the host or other containers. Note that this mode is recursively applied to all mounts in the volume ("rslave" in Linux terminology).'),('None','means that the volume in a container will not receive new mounts from the host or other containers, and filesystems mounted inside the container won\'t be propagated to the host or other containers. Note that this mode corresponds to "private" in Linux terminology.'))
DNS=E(('ClusterFirst','indicates that the pod should use cluster DNS first unless hostNetwork is true, if it is available, then fall back on the default (as determined by kubelet) DNS settings.'),('ClusterFirstWithHostNet','indicates that the pod should use cluster DNS first, if it is available, then fall back on the default (as determined by kubelet) DNS settings.'),('Default','indicates that the pod should use the default (as determined by kubelet) DNS settings.'),('None','indicates that the pod should use empty DNS settings. DNS parameters such as nameservers and search paths should be defined via DNSConfig.'))
PREEMPT=E(('Never','means that pod never preempts other pods with lower priority.'),('PreemptLowerPriority','means that pod can preempt other pods with lower priority.'))
RESTART=E(('Always',''),('Never',''),('OnFailure',''))
MODIFY=E(('InProgress','InProgress indicates that the volume is being modified'),('Infeasible','Infeasible indicates that the request has been rejected as invalid by the CSI driver. To resolve the error, a valid VolumeAttributesClass needs to be specified'),('Pending','Pending indicates that the PersistentVolumeClaim cannot be modified due to unmet requirements, such as the specified VolumeAttributesClass not existing'))
SC_RECLAIM=RECLAIM
BINDING=E(('Immediate','indicates that PersistentVolumeClaims should be immediately provisioned and bound.  This is the default mode.'),('WaitForFirstConsumer','indicates that PersistentVolumeClaims should not be provisioned and bound until the first Pod is created that references the PeristentVolumeClaim.  The volume provisioning and binding will occur during Pod scheduing.'))
APPARMOR=E(('Localhost','indicates that a profile pre-loaded on the node should be used.'),('RuntimeDefault',"indicates that the container runtime's default AppArmor profile should be used."),('Unconfined','indicates that no AppArmor profile should be enforced.'))
SECCOMP=E(('Localhost',"indicates a profile defined in a file on the node should be used. The file's location relative to <kubelet-root-dir>/seccomp."),('RuntimeDefault','represents the default container runtime seccomp profile.'),('Unconfined','indicates no seccomp profile is applied (A.K.A. unconfined).'))
PROTOCOL=E(('SCTP','is the SCTP protocol.'),('TCP','is the TCP protocol.'),('UDP','is the UDP protocol.'))
STRATEGY=E(('Recreate','Kill all existing pods before creating new ones.'),('RollingUpdate','Replace the old ReplicaSets by new one using rolling update i.e gradually scale down the old ReplicaSets and scale up the new one.'))
SCHEME=E(('HTTP','means that the scheme used will be http://'),('HTTPS','means that the scheme used will be https://'))
FSGROUP=E(('Always',"indicates that volume's ownership and permissions should always be changed whenever volume is mounted inside a Pod. This the default behavior."),('OnRootMismatch',"indicates that volume's ownership and permissions will be changed only when permission and ownership of root directory does not match with expected permissions on the volume. This can help shorten the time it takes to change ownership and permissions of a volume."))
SUPPL=E(('Merge',"means that the container's provided SupplementalGroups and FsGroup (specified in SecurityContext) will be merged with the primary user's groups as defined in the container image (in /etc/group)."),('Strict',"means that the container's provided SupplementalGroups and FsGroup (specified in SecurityContext) will be used instead of any groups defined in the container image."))
PODPHASE=E(('Failed','means that all containers in the pod have terminated, and at least one container has terminated in a failure (exited with a non-zero exit code or was stopped by the system).'),('Pending','means the pod has been accepted by the system, but one or more of the containers has not been started. This includes time before being bound to a node, as well as time spent pulling images onto the host.'),('Running','means the pod has been bound to a node and all of the containers have been started. At least one container is still running or is in the process of being restarted.'),('Succeeded','means that all containers in the pod have voluntarily terminated with a container exit code of 0, and the system is not going to restart any of these containers.'),('Unknown',"means that for some reason the state of the pod could not be obtained, typically due to an error in communicating with the host of the pod. Deprecated: It isn't being set since 2015 (74da3b14b0c0f658b3bb8d2def5094686d0e9095)"))
QOS=E(('BestEffort','is the BestEffort qos class.'),('Burstable','is the Burstable qos class.'),('Guaranteed','is the Guaranteed qos class.'))
PROCMOUNT=E(('Default','uses the container runtime defaults for readonly and masked paths for /proc. Most container runtimes mask certain paths in /proc to avoid accidental security exposure of special devices or information.'),('Unmasked','bypasses the default masking behavior of the container runtime and ensures the newly created /proc the container stays in tact with no modifications.'))
TAINT=E(('NoExecute','Evict any already-running pods that do not tolerate the taint. Currently enforced by NodeController.'),('NoSchedule','Do not allow new pods to schedule onto the node unless they tolerate the taint, but allow all pods submitted to Kubelet without going through the scheduler to start, and allow all already-running pods to continue running. Enforced by the scheduler.'),('PreferNoSchedule','Like TaintEffectNoSchedule, but the scheduler tries not to schedule new pods onto the node, rather than prohibiting new pods from scheduling onto the node entirely. Enforced by the scheduler.'))
TOLOP=E(('Equal',''),('Exists',''))
UNSAT=E(('DoNotSchedule','instructs the scheduler not to schedule the pod when constraints are not satisfied.'),('ScheduleAnyway','instructs the scheduler to schedule the pod even if constraints are not satisfied.'))
INCL=E(('Honor','means use this scheduling directive when calculating pod topology spread skew.'),('Ignore','means ignore this scheduling directive when calculating pod topology spread skew.'))
ENUMS={
 (C+'PersistentVolumeSpec','persistentVolumeReclaimPolicy'):RECLAIM,
 (C+'PersistentVolumeSpec','volumeMode'):VMODE,
 (C+'PersistentVolumeClaimSpec','volumeMode'):VMODE,
 (C+'PersistentVolumeStatus','phase'):PVPHASE,
 (C+'PersistentVolumeClaimStatus','phase'):PVCPHASE,
 (C+'HostPathVolumeSource','type'):HOSTPATH,
 (C+'NodeSelectorRequirement','operator'):NODEOP,
 (C+'AzureDiskVolumeSource','cachingMode'):CACHING,
 (C+'AzureDiskVolumeSource','kind'):DISKKIND,
 (C+'ImageVolumeSource','pullPolicy'):PULL,
 (C+'Container','imagePullPolicy'):PULL,
 (C+'Container','terminationMessagePolicy'):TMP,
 (C+'VolumeMount','mountPropagation'):PROP,
 (C+'PodSpec','dnsPolicy'):DNS,
 (C+'PodSpec','preemptionPolicy'):PREEMPT,
 (C+'PodSpec','restartPolicy'):RESTART,
 (C+'ModifyVolumeStatus','status'):MODIFY,
 ('io.k8s.api.storage.v1.StorageClass','reclaimPolicy'):SC_RECLAIM,
 (C+'AppArmorProfile','type'):APPARMOR,
 (C+'SeccompProfile','type'):SECCOMP,
 (C+'ContainerPort','protocol'):PROTOCOL,
 ('io.k8s.api.apps.v1.DeploymentStrategy','type'):STRATEGY,
 (C+'HTTPGetAction','scheme'):SCHEME,
 (C+'PodSecurityContext','fsGroupChangePolicy'):FSGROUP,
 (C+'PodSecurityContext','supplementalGroupsPolicy'):SUPPL,
 (C+'PodStatus','phase'):PODPHASE,
 (C+'PodStatus','qosClass'):QOS,
 (C+'SecurityContext','procMount'):PROCMOUNT,
 (C+'Toleration','effect'):TAINT,
 (C+'Toleration','operator'):TOLOP,
 (C+'TopologySpreadConstraint','whenUnsatisfiable'):UNSAT,
 (C+'TopologySpreadConstraint','nodeAffinityPolicy'):INCL,
 (C+'TopologySpreadConstraint','nodeTaintsPolicy'):INCL,
 (C+'EphemeralContainer','imagePullPolicy'):PULL,
 (C+'EphemeralContainer','terminationMessagePolicy'):TMP,
 ('io.k8s.api.storage.v1.StorageClass','volumeBindingMode'):BINDING,
}
def ty(t):
    if isinstance(t,list): t=[x for x in t if x!='null'][0]
    return t
def conv(s, owner=None, fname=None):
    s=dict(s)
    out={}
    if '$ref' in s:
        ref=s.pop('$ref').replace('#/$defs/','#/components/schemas/')
        desc=s.get('description')
        out={'allOf':[{'$ref':ref}]}
        if desc is not None: out['description']=desc
        return out
    for k,v in s.items():
        if k=='type': out['type']=ty(v)
        elif k=='properties': out['properties']={pk:conv(pv,owner,pk) for pk,pv in v.items()}
        elif k=='items':
            it=conv(v)
            out['items']=it
        elif k=='additionalProperties':
            if isinstance(v,dict) and '$ref' in v:
                out['additionalProperties']={'$ref':v['$ref'].replace('#/$defs/','#/components/schemas/')}
            else: out['additionalProperties']=conv(v) if isinstance(v,dict) else v
        elif k in ('description','required','x-kubernetes-group-version-kind','format','oneOf'): out[k]=v
        elif k=='enum' and fname not in ('apiVersion','kind'): out[k]=v
    return out
schemas={}
for name,s in D.items():
    cs=conv(s)
    if 'properties' in cs:
        for f,p in cs['properties'].items():
            if f in ('apiVersion','kind'): p.pop('enum',None)
            e=ENUMS.get((name,f))
            if e:
                p['enum']=[v for v,_ in e]
                lines=[(' - `"%s"` %s'%(v,c)) if c else ' - `"%s"`'%v for v,c in e]
                p['description']=p.get('description','')+'\n\nPossible enum values:\n'+'\n'.join(lines)
    schemas[name]=cs
schemas['io.k8s.apimachinery.pkg.api.resource.Quantity']={'description':QUANTITY_DESC,'oneOf':[{'type':'string'},{'type':'number'}]}
schemas['io.k8s.apimachinery.pkg.util.intstr.IntOrString']={'description':INTORSTR_DESC,'format':'int-or-string','oneOf':[{'type':'integer'},{'type':'string'}]}
for k in ENUMS:
    assert k[0] in schemas and k[1] in schemas[k[0]]['properties'], k
json.dump(schemas,open(WORK+'/schemas.json','w'),indent=1)
print(len(schemas))
