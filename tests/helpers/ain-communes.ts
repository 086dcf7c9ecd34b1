/** Communes of the hostile sector fixtures (tests/fixtures/hostile). */
// The 20 communes of the fixtures, from the COG 2026 (code, name, population municipale).
export const AIN_20: [string, string, number][] = [
	['01001', "L'Abergement-Clémenciat", 860],
	['01002', "L'Abergement-de-Varey", 270],
	['01004', 'Ambérieu-en-Bugey', 15934],
	['01005', 'Ambérieux-en-Dombes', 1906],
	['01006', 'Ambléon', 115],
	['01007', 'Ambronay', 2841],
	['01008', 'Ambutrix', 760],
	['01009', 'Andert-et-Condon', 348],
	['01010', 'Anglefort', 1174],
	['01011', 'Apremont', 415],
	['01012', 'Aranc', 331],
	['01013', 'Arandas', 138],
	['01014', 'Arbent', 3555],
	['01015', 'Arboys en Bugey', 710],
	['01016', 'Arbigny', 462],
	['01017', 'Argis', 419],
	['01019', 'Armix', 25],
	['01021', 'Ars-sur-Formans', 1528],
	['01022', 'Artemare', 1139],
	['01023', 'Asnières-sur-Saône', 78]
];
