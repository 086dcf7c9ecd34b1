/** Kind rules of the FINESS layer, on names as FINESS writes them (real names of the 2021 file). */
import { describe, expect, it } from 'vitest';
import { classifyFacility, KIND_RULES_FR, normaliseName, publicFromName } from '../../../src/lib/facilities/kind-rules.ts';
import { FACILITY_KINDS } from '../../../src/lib/facilities/kinds.ts';

const kind = (cat: string | null, name: string) => classifyFacility(cat, name);

describe('classifyFacility', () => {
	it('lets categories 156 and 425 decide, whatever the name says', () => {
		expect(kind('156', 'CMP ENFANTS-ADO BOURG-EN-BRESSE')).toEqual({ kind: 'cmp', basis: 'categorie', public: 'enfant' });
		expect(kind('156', 'CMP CATTP ADULTES')).toEqual({ kind: 'cmp', basis: 'categorie', public: 'adulte' });
		expect(kind('425', 'CMP CATTP LES ILES')).toMatchObject({ kind: 'cattp', basis: 'categorie' });
		expect(kind('425', 'CTRE ACCUEIL THERAP TEMPS PARTIEL CHOG')).toEqual({ kind: 'cattp', basis: 'categorie', public: null });
	});

	it('finds CMP in hospital categories by name, in its upper-case unaccented spellings', () => {
		expect(kind('292', 'CMP ADULTES LOCMINE')).toEqual({ kind: 'cmp', basis: 'nom', public: 'adulte' });
		expect(kind('292', 'C.M.P. DE VANNES')).toMatchObject({ kind: 'cmp', basis: 'nom' });
		expect(kind('355', 'CENTRE MEDICO PSYCHOLOGIQUE ADULTES')).toMatchObject({ kind: 'cmp', public: 'adulte' });
		expect(kind('292', 'CENTRE MEDICO-PSYCHOLOGIQUE')).toMatchObject({ kind: 'cmp' });
		expect(kind('292', 'CENTRE MÉDICO-PSYCHOLOGIQUE')).toMatchObject({ kind: 'cmp' });
		expect(kind('292', 'CTRE MEDICO PSYCHO POUR ENFANTS ET ADO')).toMatchObject({ kind: 'cmp', public: 'enfant' });
		expect(kind('101', 'CMP INFANTO CROZON')).toMatchObject({ kind: 'cmp', public: 'enfant' });
		expect(kind('292', 'CHS ST REMY ET NFC CMPE LUXEUIL')).toMatchObject({ kind: 'cmp', public: 'enfant' });
	});

	it('never takes a CMPP or a liaison unit for a CMP', () => {
		expect(kind('292', 'C.M.P.P. DE VANNES')).toEqual({ kind: 'chs', basis: 'categorie', public: null });
		expect(kind('355', 'CENTRE MEDICO-PSYCHO-PEDAGOGIQUE')).toBeNull();
		expect(kind('292', 'UNITE MEDICO-PSYCHOLOGIQUE SITE SCORFF')).toMatchObject({ kind: 'chs' });
		expect(kind('189', '<script>alert(1)</script> C.M.P.P.')).toEqual({ kind: 'cmpp', basis: 'categorie', public: null });
	});

	it('CMP wins over CATTP and day hospital; CATTP over day hospital', () => {
		expect(kind('292', 'HOP DE JOUR CMP CATTP INFANTO LOCMINE')).toEqual({ kind: 'cmp', basis: 'nom', public: 'enfant' });
		expect(kind('355', 'HJ CMP CATTP LES VIOLETTES')).toMatchObject({ kind: 'cmp' });
		expect(kind('292', 'HOPITAL DE JOUR CATTP BROCELIANDE')).toMatchObject({ kind: 'cattp' });
		expect(kind('292', 'CATTP ADULTES VANNES')).toEqual({ kind: 'cattp', basis: 'nom', public: 'adulte' });
	});

	it('day hospitals: psychiatric names kept, somatic ones of general hospitals left out', () => {
		expect(kind('355', 'HOPITAL DE JOUR PSY INF JUV PRAMBULLE')).toEqual({ kind: 'hdj', basis: 'nom', public: 'enfant' });
		expect(kind('355', 'HOP JOUR MULHOUSE 68 I03 GHRMSA')).toMatchObject({ kind: 'hdj', public: 'enfant' });
		expect(kind('292', 'HOP JOUR ILLKIRCH 67 G10 CH ERSTEIN')).toMatchObject({ kind: 'hdj', public: 'adulte' });
		expect(kind('355', 'HOPITAL DE JOUR PSYCHOGERIATRIE')).toMatchObject({ kind: 'hdj' });
		expect(kind('292', 'CENTRE DE JOUR LES CARMES')).toMatchObject({ kind: 'hdj', public: null });
		expect(kind('101', 'CHRU NANCY - HJ SSR CTRE BASSE VISION')).toBeNull();
		expect(kind('355', 'HOPITAL DE JOUR ADDICTOLOGIE')).toBeNull();
		expect(kind('355', 'CH MOYEN SEJOUR LA SOURCE DE BRIGNOLES')).toBeNull(); // 'SEJOUR' is not 'JOUR'
		expect(kind('292', 'HJ ADDICTOLOGIE AURAY SITE CHBA')).toMatchObject({ kind: 'hdj' }); // a CHS's day hospital stays
	});

	it('other hospital sites: CHS and clinics by category, general hospitals out', () => {
		expect(kind('292', 'EPSM JEAN-MARTIN CHARCOT')).toEqual({ kind: 'chs', basis: 'categorie', public: null });
		expect(kind('161', 'CLINIQUE DU GOLFE')).toEqual({ kind: 'clinic', basis: 'categorie', public: null });
		expect(kind('355', 'CH DE FLEYRIAT')).toBeNull();
		expect(kind('106', 'CENTRE HOSPITALIER DE BELLE ILE EN MER')).toBeNull();
	});

	it('medico-social and primary care by category, legacy codes to their successor', () => {
		expect(kind('437', 'FAM LES TILLEULS')?.kind).toBe('eam');
		expect(kind('448', 'EAM')?.kind).toBe('eam');
		expect(kind('382', 'FOYER DE VIE')?.kind).toBe('eanm');
		expect(kind('252', 'FOYER D HEBERGEMENT')?.kind).toBe('eanm');
		expect(kind('449', 'EANM')?.kind).toBe('eanm');
		expect(kind('445', 'SAMSAH LES AUBEPINES (FPF)')).toEqual({ kind: 'samsah', basis: 'categorie', public: null });
		expect(kind('246', 'ESAT')?.kind).toBe('esat');
		expect(kind('603', 'MSP')?.kind).toBe('msp');
		expect(kind('219', 'DISPOSITIF ERANNE (HOTELS MAAVAR)')).toBeNull();
		expect(kind('', 'CMP SANS CATEGORIE')).toBeNull();
		expect(kind(null, 'X')).toBeNull();
	});
});

describe('publicFromName', () => {
	it('says enfant or adulte only when the name says one of them', () => {
		expect(publicFromName('HDJ PEDO PSY CHU NANTES')).toBe('enfant');
		expect(publicFromName('HJ PIJ ADOS APJA PURPAN CHU TLSE')).toBe('enfant');
		expect(publicFromName('HOPITAL DE JOUR L’ORANGER SECT 13I11')).toBe('enfant');
		expect(publicFromName('HJ PSY GEN BOURGEOIS PURPAN CHU TLSE')).toBe('adulte');
		expect(publicFromName('CMP/CATTP ADULTES ET ENFANTS')).toBeNull();
		expect(publicFromName('CMP INTER VANNES')).toBeNull();
	});

	it('normalises dots, accents and punctuation', () => {
		expect(normaliseName('C.M.P. Médico-Psy')).toBe(' CMP MEDICO PSY ');
	});
});

describe('KIND_RULES_FR', () => {
	it('states the CMP rule with its categories, the CMPP exclusion and the name inference', () => {
		const text = KIND_RULES_FR.map((r) => `${r.kinds} ${r.rule}`).join(' ');
		for (const s of ['156', '425', '292', '355', 'CMPP', 'non précisé', 'compte comme CMP']) expect(text).toContain(s);
		expect(FACILITY_KINDS.length).toBe(18);
	});
});
