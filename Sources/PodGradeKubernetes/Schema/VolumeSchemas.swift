/// core/v1 Volume and its sources, the legacy in-tree ones included (the API
/// still accepts them even where the cluster no longer mounts them).
enum VolumeSchemas {
    private typealias C = CoreSchemas

    static let keyToPath = ObjectSchema("KeyToPath", required: ["key", "path"], [
        "key": .string, "path": .string, "mode": .integer,
    ])

    static let secretReference = ObjectSchema("SecretReference", ["name": .string, "namespace": .string])

    static let emptyDir = ObjectSchema("EmptyDirVolumeSource", ["medium": .string, "sizeLimit": .quantity])

    static let hostPath = ObjectSchema("HostPathVolumeSource", required: ["path"], ["path": .string, "type": .string])

    static let configMap = ObjectSchema("ConfigMapVolumeSource", [
        "name": .string, "items": .array(.object(keyToPath)), "defaultMode": .integer, "optional": .boolean,
    ])

    static let secret = ObjectSchema("SecretVolumeSource", [
        "secretName": .string, "items": .array(.object(keyToPath)), "defaultMode": .integer, "optional": .boolean,
    ])

    static let persistentVolumeClaim = ObjectSchema("PersistentVolumeClaimVolumeSource", required: ["claimName"], [
        "claimName": .string, "readOnly": .boolean,
    ])

    static let downwardAPIVolumeFile = ObjectSchema("DownwardAPIVolumeFile", required: ["path"], [
        "path": .string, "fieldRef": .object(C.objectFieldSelector),
        "resourceFieldRef": .object(C.resourceFieldSelector), "mode": .integer,
    ])

    static let downwardAPI = ObjectSchema("DownwardAPIVolumeSource", [
        "items": .array(.object(downwardAPIVolumeFile)), "defaultMode": .integer,
    ])

    static let projectionItems = ObjectSchema("ProjectionItems", [
        "name": .string, "items": .array(.object(keyToPath)), "optional": .boolean,
    ])

    static let downwardAPIProjection = ObjectSchema("DownwardAPIProjection", [
        "items": .array(.object(downwardAPIVolumeFile)),
    ])

    static let serviceAccountTokenProjection = ObjectSchema("ServiceAccountTokenProjection", required: ["path"], [
        "audience": .string, "expirationSeconds": .integer, "path": .string,
    ])

    static let clusterTrustBundleProjection = ObjectSchema("ClusterTrustBundleProjection", required: ["path"], [
        "name": .string, "signerName": .string, "labelSelector": .object(C.labelSelector),
        "optional": .boolean, "path": .string,
    ])

    static let volumeProjection = ObjectSchema("VolumeProjection", [
        "secret": .object(projectionItems), "configMap": .object(projectionItems),
        "downwardAPI": .object(downwardAPIProjection),
        "serviceAccountToken": .object(serviceAccountTokenProjection),
        "clusterTrustBundle": .object(clusterTrustBundleProjection),
        "podCertificate": .openObject, // alpha in 1.34
    ])

    static let projected = ObjectSchema("ProjectedVolumeSource", [
        "sources": .array(.object(volumeProjection)), "defaultMode": .integer,
    ])

    static let nfs = ObjectSchema("NFSVolumeSource", required: ["server", "path"], [
        "server": .string, "path": .string, "readOnly": .boolean,
    ])

    static let csi = ObjectSchema("CSIVolumeSource", required: ["driver"], [
        "driver": .string, "readOnly": .boolean, "fsType": .string,
        "volumeAttributes": .stringMap, "nodePublishSecretRef": .object(C.localObjectReference),
    ])

    static let image = ObjectSchema("ImageVolumeSource", ["reference": .string, "pullPolicy": .string])

    static let volumeResourceRequirements = ObjectSchema("VolumeResourceRequirements", [
        "limits": .map(.quantity), "requests": .map(.quantity),
    ])

    static let typedLocalObjectReference = ObjectSchema("TypedLocalObjectReference", required: ["kind", "name"], [
        "apiGroup": .string, "kind": .string, "name": .string,
    ])

    static let typedObjectReference = ObjectSchema("TypedObjectReference", required: ["kind", "name"], [
        "apiGroup": .string, "kind": .string, "name": .string, "namespace": .string,
    ])

    static let persistentVolumeClaimSpec = ObjectSchema("PersistentVolumeClaimSpec", [
        "accessModes": .array(.string), "selector": .object(C.labelSelector),
        "resources": .object(volumeResourceRequirements), "volumeName": .string,
        "storageClassName": .string, "volumeMode": .string,
        "dataSource": .object(typedLocalObjectReference), "dataSourceRef": .object(typedObjectReference),
        "volumeAttributesClassName": .string,
    ])

    static let persistentVolumeClaimTemplate = ObjectSchema("PersistentVolumeClaimTemplate", required: ["spec"], [
        "metadata": .object(C.objectMeta), "spec": .object(persistentVolumeClaimSpec),
    ])

    /// A claim as a StatefulSet's volumeClaimTemplates hold it.
    static let persistentVolumeClaim_ = ObjectSchema("PersistentVolumeClaim", [
        "apiVersion": .string, "kind": .string, "metadata": .object(C.objectMeta),
        "spec": .object(persistentVolumeClaimSpec), "status": .any,
    ])

    static let ephemeral = ObjectSchema("EphemeralVolumeSource", [
        "volumeClaimTemplate": .object(persistentVolumeClaimTemplate),
    ])

    // Legacy in-tree sources.
    static let awsElasticBlockStore = ObjectSchema("AWSElasticBlockStoreVolumeSource", required: ["volumeID"], [
        "volumeID": .string, "fsType": .string, "partition": .integer, "readOnly": .boolean,
    ])
    static let azureDisk = ObjectSchema("AzureDiskVolumeSource", required: ["diskName", "diskURI"], [
        "diskName": .string, "diskURI": .string, "cachingMode": .string, "fsType": .string,
        "readOnly": .boolean, "kind": .string,
    ])
    static let azureFile = ObjectSchema("AzureFileVolumeSource", required: ["secretName", "shareName"], [
        "secretName": .string, "shareName": .string, "readOnly": .boolean,
    ])
    static let cephfs = ObjectSchema("CephFSVolumeSource", required: ["monitors"], [
        "monitors": .array(.string), "path": .string, "user": .string, "secretFile": .string,
        "secretRef": .object(C.localObjectReference), "readOnly": .boolean,
    ])
    static let cinder = ObjectSchema("CinderVolumeSource", required: ["volumeID"], [
        "volumeID": .string, "fsType": .string, "readOnly": .boolean, "secretRef": .object(C.localObjectReference),
    ])
    static let fc = ObjectSchema("FCVolumeSource", [
        "targetWWNs": .array(.string), "lun": .integer, "fsType": .string, "readOnly": .boolean,
        "wwids": .array(.string),
    ])
    static let flexVolume = ObjectSchema("FlexVolumeSource", required: ["driver"], [
        "driver": .string, "fsType": .string, "secretRef": .object(C.localObjectReference),
        "readOnly": .boolean, "options": .stringMap,
    ])
    static let flocker = ObjectSchema("FlockerVolumeSource", ["datasetName": .string, "datasetUUID": .string])
    static let gcePersistentDisk = ObjectSchema("GCEPersistentDiskVolumeSource", required: ["pdName"], [
        "pdName": .string, "fsType": .string, "partition": .integer, "readOnly": .boolean,
    ])
    static let gitRepo = ObjectSchema("GitRepoVolumeSource", required: ["repository"], [
        "repository": .string, "revision": .string, "directory": .string,
    ])
    static let glusterfs = ObjectSchema("GlusterfsVolumeSource", required: ["endpoints", "path"], [
        "endpoints": .string, "path": .string, "readOnly": .boolean,
    ])
    static let iscsi = ObjectSchema("ISCSIVolumeSource", required: ["targetPortal", "iqn", "lun"], [
        "targetPortal": .string, "iqn": .string, "lun": .integer, "iscsiInterface": .string,
        "fsType": .string, "readOnly": .boolean, "portals": .array(.string),
        "chapAuthDiscovery": .boolean, "chapAuthSession": .boolean,
        "secretRef": .object(C.localObjectReference), "initiatorName": .string,
    ])
    static let photonPersistentDisk = ObjectSchema("PhotonPersistentDiskVolumeSource", required: ["pdID"], [
        "pdID": .string, "fsType": .string,
    ])
    static let portworxVolume = ObjectSchema("PortworxVolumeSource", required: ["volumeID"], [
        "volumeID": .string, "fsType": .string, "readOnly": .boolean,
    ])
    static let quobyte = ObjectSchema("QuobyteVolumeSource", required: ["registry", "volume"], [
        "registry": .string, "volume": .string, "readOnly": .boolean, "user": .string,
        "group": .string, "tenant": .string,
    ])
    static let rbd = ObjectSchema("RBDVolumeSource", required: ["monitors", "image"], [
        "monitors": .array(.string), "image": .string, "fsType": .string, "pool": .string,
        "user": .string, "keyring": .string, "secretRef": .object(C.localObjectReference), "readOnly": .boolean,
    ])
    static let scaleIO = ObjectSchema("ScaleIOVolumeSource", required: ["gateway", "system", "secretRef"], [
        "gateway": .string, "system": .string, "secretRef": .object(C.localObjectReference),
        "sslEnabled": .boolean, "protectionDomain": .string, "storagePool": .string,
        "storageMode": .string, "volumeName": .string, "fsType": .string, "readOnly": .boolean,
    ])
    static let storageos = ObjectSchema("StorageOSVolumeSource", [
        "volumeName": .string, "volumeNamespace": .string, "fsType": .string, "readOnly": .boolean,
        "secretRef": .object(C.localObjectReference),
    ])
    static let vsphereVolume = ObjectSchema("VsphereVirtualDiskVolumeSource", required: ["volumePath"], [
        "volumePath": .string, "fsType": .string, "storagePolicyName": .string, "storagePolicyID": .string,
    ])

    /// Every volume source a Volume may name (exactly one per volume, checked by validation).
    static let sources: [String: FieldType] = [
        "emptyDir": .object(emptyDir), "hostPath": .object(hostPath),
        "configMap": .object(configMap), "secret": .object(secret),
        "persistentVolumeClaim": .object(persistentVolumeClaim),
        "projected": .object(projected), "downwardAPI": .object(downwardAPI),
        "nfs": .object(nfs), "csi": .object(csi), "ephemeral": .object(ephemeral), "image": .object(image),
        "awsElasticBlockStore": .object(awsElasticBlockStore), "azureDisk": .object(azureDisk),
        "azureFile": .object(azureFile), "cephfs": .object(cephfs), "cinder": .object(cinder),
        "fc": .object(fc), "flexVolume": .object(flexVolume), "flocker": .object(flocker),
        "gcePersistentDisk": .object(gcePersistentDisk), "gitRepo": .object(gitRepo),
        "glusterfs": .object(glusterfs), "iscsi": .object(iscsi),
        "photonPersistentDisk": .object(photonPersistentDisk), "portworxVolume": .object(portworxVolume),
        "quobyte": .object(quobyte), "rbd": .object(rbd), "scaleIO": .object(scaleIO),
        "storageos": .object(storageos), "vsphereVolume": .object(vsphereVolume),
    ]

    static let volume = ObjectSchema("Volume", required: ["name"],
                                     sources.merging(["name": .string]) { a, _ in a })
}
