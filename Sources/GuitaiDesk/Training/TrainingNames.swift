/// Synthetic names for the training store: Han names, and Tibetan, Mongolian and Uyghur names as they are written in
/// Chinese characters, the last two often with the middle dot `·` between a person's own name and the father's.
/// Shares are those of the seed provinces' halls (Tibet, Inner Mongolia, Xinjiang among them): most people Tibetan.
public enum TrainingNames {
    public enum Origin: CaseIterable { case han, tibetan, mongolian, uyghur }

    private static let hanSurnames = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "罗", "高"]
    private static let hanMale = ["伟", "强", "磊", "军", "勇", "杰", "涛", "明", "超", "刚", "平", "辉", "鹏", "华", "德兴", "建国", "志强", "国庆", "海涛", "建华"]
    private static let hanFemale = ["芳", "娜", "敏", "静", "丽", "艳", "娟", "霞", "玲", "秀英", "桂英", "秀兰", "玉兰", "红梅", "海燕", "淑珍"]
    private static let tibetanMale = ["扎西", "次仁", "多吉", "平措", "顿珠", "索朗", "尼玛", "达瓦", "旦增", "格桑", "洛桑", "强巴", "边巴", "普布", "米玛", "拉巴", "阿旺", "益西"]
    private static let tibetanFemale = ["卓玛", "央金", "拉姆", "曲珍", "德吉", "白珍", "次珍", "梅朵", "斯琼", "玉珍", "仓决", "措姆", "卓嘎", "巴桑", "达娃", "白玛"]
    private static let mongolianMale = ["巴特尔", "苏和", "额尔敦", "宝音", "朝鲁", "巴图", "那顺", "孟和", "阿拉坦", "特古斯"]
    private static let mongolianFemale = ["其其格", "萨仁", "乌云", "斯琴", "娜仁", "图雅", "高娃", "塔娜", "格日乐", "托娅"]
    private static let uyghurMale = ["买买提", "艾力", "阿不都", "吐尔逊", "艾合买提", "努尔", "热合曼", "阿力木", "玉素甫", "依明"]
    private static let uyghurFemale = ["古丽", "阿依古丽", "热依拉", "帕提古丽", "努尔古丽", "迪丽", "米热", "祖丽菲亚", "阿依努尔", "再努尔"]

    /// Where a person's name comes from, in thousandths: Tibetan 600, Han 250, Mongolian 80, Uyghur 70.
    public static func origin(_ random: inout SeededGenerator) -> Origin {
        let roll = Int.random(in: 0..<1_000, using: &random)
        return roll < 600 ? .tibetan : roll < 850 ? .han : roll < 930 ? .mongolian : .uyghur
    }

    public static func name(_ origin: Origin, female: Bool, _ random: inout SeededGenerator) -> String {
        switch origin {
        case .han:
            return random.pick(hanSurnames) + random.pick(female ? hanFemale : hanMale)
        case .tibetan:
            // Two names of two characters each; a few are written with the father's name after a dot.
            let own = random.pick(female ? tibetanFemale : tibetanMale)
            return random.chance(150) ? own + "·" + random.pick(tibetanMale) : own + random.pick(female ? tibetanFemale : tibetanMale)
        case .mongolian:
            let own = random.pick(female ? mongolianFemale : mongolianMale)
            return random.chance(500) ? own + "·" + random.pick(mongolianMale) : own
        case .uyghur:
            return random.pick(female ? uyghurFemale : uyghurMale) + "·" + random.pick(uyghurMale)
        }
    }
}
