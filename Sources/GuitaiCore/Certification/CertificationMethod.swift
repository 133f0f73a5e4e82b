/// How a benefit recipient was confirmed alive and entitled (认证方式).
public enum CertificationMethod: String, Sendable, CaseIterable {
    case counter
    case home
    case video
    case selfService = "self-service"
    case data

    public var label: Bilingual {
        switch self {
        case .counter: Bilingual(zh: "窗口认证", en: "at the counter")
        case .home: Bilingual(zh: "上门认证", en: "home visit")
        case .video: Bilingual(zh: "远程视频认证", en: "video call")
        case .selfService: Bilingual(zh: "远程自助认证", en: "self-service face recognition")
        case .data: Bilingual(zh: "信息比对认证", en: "data comparison")
        }
    }
}
