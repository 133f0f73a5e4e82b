import GuitaiCore
import GuitaiStore

extension Desk {
    /// Records a person's physical card (the card in use must be cancelled or replaced first).
    public func registerCard(idNumber: String, number text: String, issuedOn: String? = nil) throws -> (card: PhysicalCard, serial: String) {
        try require(.counter)
        let number = try CardNumber.parse(text).get()
        let issued = try issuedOn.map { try DateInput.date($0, field: Bilingual(zh: "发卡日期", en: "the issue date")) } ?? today
        let (card, serial) = try store.write(context, kind: "card.register") { tx in
            let person = try requirePerson(idNumber, in: tx)
            try requireLiving(person, tx, step: Bilingual(zh: "登记社保卡", en: "card registration"))
            try LifeRules.checkDate(issued, of: Bilingual(zh: "发卡日期", en: "the issue date"), birth: person.person.id.birthDate,
                                    businessDate: today)
            if let other = try tx.card(number: number.value) {
                throw DomainError.refused("duplicate-card", zh: "卡号 \(number) 已登记（状态：\(other.card.state.label.zh)）",
                                          en: "Card number \(number) is already on record (\(other.card.state.label.en))")
            }
            if let live = try tx.liveCard(personUUID: person.uuid) {
                throw DomainError.refused("card-exists", zh: "此人已有在用社保卡 \(live.card.number)，请办理补换卡",
                                          en: "This person already has card \(live.card.number) in use: replace it instead")
            }
            let card = PhysicalCard(number: number, regionCode: person.person.regionCode, issuedOn: issued)
            _ = try tx.insertCard(card, personUUID: person.uuid)
            return (card, ["id": .string(person.person.id.value), "number": .string(number.value), "issuedOn": .string(issued.iso)])
        }
        return (card, serial)
    }

    /// Reports a card lost (temporarily or formally), found, locked, unlocked or cancelled.
    /// After a death only cancellation is accepted: it ends the card rather than starting anything.
    public func changeCard(idNumber: String, change: PhysicalCard.Change, reason: String?) throws -> (card: PhysicalCard, serial: String) {
        try require(.counter)
        let reason = try StoredText.checkOptional(reason, as: .reason)
        let (card, serial) = try store.write(context, kind: "card.change") { tx in
            let person = try requirePerson(idNumber, in: tx)
            if change != .cancel { try requireLiving(person, tx, step: Bilingual(zh: "办理社保卡业务", en: "card step")) }
            let record = try requireCard(person)(tx)
            let changed = try record.card.applying(change, on: today)
            try tx.updateCard(uuid: record.uuid, state: changed.state, since: today)
            return (changed, ["id": .string(person.person.id.value), "number": .string(changed.number.value),
                              "change": .string(change.rawValue), "reason": .string(reason ?? change.label.zh),
                              // What a reversal restores.
                              "before": .string(record.card.state.rawValue), "beforeSince": .string(record.card.stateSince.iso)])
        }
        return (card, serial)
    }

    /// Replaces a lost, damaged or expired card with a new number: the old one is cancelled, the person stays the same.
    public func replaceCard(idNumber: String, newNumber text: String) throws -> (card: PhysicalCard, serial: String) {
        try require(.counter)
        let number = try CardNumber.parse(text).get()
        let (card, serial) = try store.write(context, kind: "card.replace") { tx in
            let person = try requirePerson(idNumber, in: tx)
            try requireLiving(person, tx, step: Bilingual(zh: "补换社保卡", en: "card replacement"))
            let old = try requireCard(person)(tx)
            if try tx.card(number: number.value) != nil {
                throw DomainError.refused("duplicate-card", zh: "卡号 \(number) 已登记", en: "Card number \(number) is already on record")
            }
            try tx.updateCard(uuid: old.uuid, state: .cancelled, since: today, replacedBy: number.value)
            let card = PhysicalCard(number: number, regionCode: old.card.regionCode, issuedOn: today)
            _ = try tx.insertCard(card, personUUID: person.uuid)
            return (card, ["id": .string(person.person.id.value), "old": .string(old.card.number.value), "new": .string(number.value),
                           "before": .string(old.card.state.rawValue), "beforeSince": .string(old.card.stateSince.iso)])
        }
        return (card, serial)
    }

    private func requireCard(_ person: PersonRecord) -> (StoreTransaction) throws -> CardRecord {
        { tx in
            guard let record = try tx.liveCard(personUUID: person.uuid) else { throw Desk.noPhysicalCard(person.person.name) }
            return record
        }
    }

    /// The refusal of a card or e-card step for a person without a physical card in use, wherever it is found out.
    public static func noPhysicalCard(_ name: String) -> DomainError {
        .refused("no-physical-card", zh: "\(name)没有在用的实体社保卡，请先登记社保卡", en: "\(name) has no physical card in use: register the card first")
    }

    /// Issues (or re-issues after cancellation) the e-card: identity checked, phone confirmed, PIN set, activation code printed.
    public func issueECard(idNumber: String, phone phoneText: String, identityCheck: String, pin: String,
                           voucher: Bool, reason: String? = nil) throws -> ECardReceipt {
        try require(.counter)
        guard ["document", "face"].contains(identityCheck) else {
            throw DomainError(.usage, code: "bad-check", zh: "身份核验方式应为 document 或 face", en: "The identity check is document or face")
        }
        let phone = try Person.validatePhone(phoneText).get()
        let reason = try StoredText.checkOptional(reason, as: .reason)
        let code = ActivationCode.make()
        // scrypt runs before the transaction so other counters never wait on it.
        let (pinHash, codeHash) = (try Store.hashSecret(pin), try Store.hashSecret(code))
        let (receipt, _) = try store.write(context, kind: "ecard.issue") { tx in
            let person = try requirePerson(idNumber, in: tx)
            try requireLiving(person, tx, step: Bilingual(zh: "签发电子社保卡", en: "e-card issue"))
            let current = try tx.latestECard(personUUID: person.uuid)
            _ = try ECardStep.issue.next(from: current?.status)
            let card = try requireCard(person)(tx)
            if let problem = PINRules.check(pin, birth: person.person.id.birthDate) { throw problem }
            let serial = tx.serial ?? ""
            try tx.insertECard(personUUID: person.uuid, serial: serial, phone: phone, identityCheck: identityCheck, pinHash: pinHash,
                               activationHash: codeHash, on: today, voucher: voucher)
            let receipt = ECardReceipt(transaction: serial, ecardSerial: serial, status: .issued, activationCode: code,
                                       voucherActive: voucher, unusableReason: card.card.unusableReason(on: today))
            // The PIN and the activation code never reach the journal.
            return (receipt, ["id": .string(person.person.id.value), "ecard": .string(serial), "phone": .string(Person.maskPhone(phone)),
                              "check": .string(identityCheck), "voucher": .bool(voucher), "reason": .string(reason ?? ECardStep.issue.label.zh)])
        }
        return receipt
    }

    /// Activates, suspends, resumes or cancels the e-card; activation needs the code from the issue receipt.
    /// After a death only cancellation is accepted.
    public func stepECard(idNumber: String, step: ECardStep, code: String? = nil, reason: String? = nil) throws -> ECardReceipt {
        try require(.counter)
        guard step != .issue else {
            throw DomainError(.usage, code: "bad-step", zh: "签发电子社保卡须提供手机号和密码", en: "Issuing the e-card needs the phone and the PIN")
        }
        let reason = try StoredText.checkOptional(reason, as: .reason)
        let (receipt, _) = try store.write(context, kind: step == .activate ? "ecard.activate" : "ecard.step") { tx in
            let person = try requirePerson(idNumber, in: tx)
            if step != .cancel { try requireLiving(person, tx, step: Bilingual(zh: "办理电子社保卡业务", en: "e-card step")) }
            let current = try tx.latestECard(personUUID: person.uuid)
            let next = try step.next(from: current?.status)
            guard let ecard = current else {
                throw DomainError.refused("illegal-transition", zh: "尚未签发电子社保卡", en: "No e-card has been issued")
            }
            let card = try tx.liveCard(personUUID: person.uuid)
            if step == .activate || step == .resume, let reason = card?.card.unusableReason(on: today) ?? (card == nil ? Bilingual(zh: "没有在用的实体社保卡", en: "there is no physical card in use") : nil) {
                throw DomainError.refused("card-unusable", zh: "电子社保卡不能\(step.label.zh)：\(reason.zh)", en: "The e-card cannot be \(step.label.en): \(reason.en)")
            }
            if step == .activate {
                guard let code, try tx.activationCodeMatches(ecardUUID: ecard.uuid, code: code.trimmingSpaces) else {
                    throw DomainError.refused("wrong-activation-code", zh: "激活码不正确，请核对签发回执上的激活码",
                                              en: "Wrong activation code: use the one printed on the issue receipt")
                }
            }
            try tx.updateECard(uuid: ecard.uuid, status: next, since: today)
            let receipt = ECardReceipt(transaction: tx.serial ?? "", ecardSerial: ecard.serial, status: next, activationCode: nil,
                                       voucherActive: ecard.voucherOn != nil, unusableReason: card?.card.unusableReason(on: today))
            return (receipt, ["id": .string(person.person.id.value), "ecard": .string(ecard.serial), "step": .string(step.rawValue),
                              "status": .string(next.rawValue), "reason": .string(reason ?? step.label.zh),
                              "before": .string(ecard.status.rawValue), "beforeSince": .string(ecard.statusSince.iso)])
        }
        return receipt
    }

    /// Activates the medical e-voucher on the person's current e-card, when it was not done at issue.
    public func activateVoucher(idNumber: String) throws -> String {
        try require(.counter)
        return try store.write(context, kind: "ecard.voucher") { tx in
            let person = try requirePerson(idNumber, in: tx)
            try requireLiving(person, tx, step: Bilingual(zh: "激活医保电子凭证", en: "e-voucher activation"))
            guard let ecard = try tx.latestECard(personUUID: person.uuid), ecard.status != .cancelled else {
                throw DomainError.refused("no-ecard", zh: "请先签发电子社保卡", en: "Issue the e-card first")
            }
            if let on = ecard.voucherOn {
                throw DomainError.refused("voucher-active", zh: "医保电子凭证已于 \(on.iso) 激活", en: "The e-voucher was activated on \(on.iso)")
            }
            try tx.activateVoucher(ecardUUID: ecard.uuid, on: today)
            return ((), ["id": .string(person.person.id.value), "ecard": .string(ecard.serial)])
        }.serial
    }
}
